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
 * {@code lastSession}, also after a silence of the pile), or unseen when its pile could not be heard in the last cycle
 * it was open and does not say when (the store closes it so too, {@code departure_seen = 0}), the clock was not set, or
 * no report of its pile ended it. The
 * policy is not asked while the clock is not set: a car that left then is learned as leaving then, not at the next
 * cycle that asks it, maybe hours later. A conservative cycle takes them too (for {@code plannedNow}). A pile has one
 * session open at a time, so each pile's is kept in place: a cycle allocates nothing unless a session ended.
 */
final class Departures {
    /** Where a session's end is: the time its pile reported the car gone, bounded as its row's departure. */
    private final SessionTracker tracker;
    /** Per pile, the session open at the last cycle (null: none), and whether its pile could not be heard then. */
    private final PluggedSession[] open;
    private final boolean[] unheard;
    private final PluggedSession[] now;
    private final List<Departed> ended = new ArrayList<>();

    Departures(SessionTracker tracker, int pileCount) {
        this.tracker = tracker;
        this.open = new PluggedSession[pileCount];
        this.unheard = new boolean[pileCount];
        this.now = new PluggedSession[pileCount];
    }

    /**
     * This cycle's open sessions, as the tracker's update gave them, those on piles it could not hear in
     * {@code unheardNow}; with {@code clockSet} false, a car gone left at a time nobody knows.
     */
    void see(List<PluggedSession> sessions, List<PluggedSession> unheardNow, boolean clockSet) {
        for (PluggedSession s : sessions) {
            now[s.pileIndex()] = s;
        }
        for (int i = 0; i < open.length; i++) {
            PluggedSession was = open[i];
            if (was != null && (now[i] == null || !now[i].id().equals(was.id()))) {
                Instant end = tracker.endOf(i, was.id());
                boolean seen = !unheard[i] || tracker.endTold(i, was.id());
                ended.add(new Departed(was.id(),
                        clockSet && seen && end != null ? Optional.of(end) : Optional.empty()));
            }
            open[i] = now[i];
            now[i] = null;
            unheard[i] = false;
        }
        for (PluggedSession s : unheardNow) {
            unheard[s.pileIndex()] = true;
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
