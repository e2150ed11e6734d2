package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.core.policy.Departed;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * The sessions that ended since the policy was last asked, seen cycle by cycle in every mode, and how each ended: seen
 * leaving when its pile reported the car gone, the end the session tracker took and the store's row departs at (never
 * before it arrived or was last seen, whatever a stepped clock says; not when a cycle read that report, which may be
 * up to the pile's offline time later), or when its pile says its car was unplugged (a firmware-bridge's
 * {@code lastSession}, also after a silence of the pile), or unseen as the tracker decided it ({@link SessionEnd.How}:
 * among others its pile could not be heard in the last cycle it was open, and does not say when; the store closes it so
 * too, {@code departure_seen = 0}), or the clock was not set. Until 2026-12-07 (mend60c) a pile not heard was judged here
 * apart, by the room the cycle held for it, which a pile heard but waiting for a meter reading had too. The
 * policy is not asked while the clock is not set: a car that left then is learned as leaving then, not at the next
 * cycle that asks it, maybe hours later. A conservative cycle takes them too (for {@code plannedNow}). A pile has one
 * session open at a time, so each pile's is kept in place: a cycle allocates nothing unless a session ended.
 */
final class Departures {
    /** Where a session's end is: the time its pile reported the car gone, bounded as its row's departure. */
    private final SessionTracker tracker;
    /** Per pile, the session open at the last cycle (null: none). */
    private final PluggedSession[] open;
    private final PluggedSession[] now;
    private final List<Departed> ended = new ArrayList<>();

    Departures(SessionTracker tracker, int pileCount) {
        this.tracker = tracker;
        this.open = new PluggedSession[pileCount];
        this.now = new PluggedSession[pileCount];
    }

    /**
     * This cycle's open sessions, as the tracker's update gave them; with {@code clockSet} false, a car gone left at a
     * time nobody knows.
     */
    void see(List<PluggedSession> sessions, boolean clockSet) {
        for (PluggedSession s : sessions) {
            now[s.pileIndex()] = s;
        }
        for (int i = 0; i < open.length; i++) {
            PluggedSession was = open[i];
            if (was != null && (now[i] == null || !now[i].id().equals(was.id()))) {
                Instant end = tracker.endOf(i, was.id());
                ended.add(new Departed(was.id(), clockSet && end != null ? Optional.of(end) : Optional.empty()));
            }
            open[i] = now[i];
            now[i] = null;
        }
    }

    /** The sessions ended since the last call, for the policy asked now. */
    List<Departed> take() {
        if (ended.isEmpty()) {
            return List.of();
        }
        List<Departed> out = List.copyOf(ended);
        ended.clear();
        return out;
    }
}
