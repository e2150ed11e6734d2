package org.orderly.gateway.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreReader;

/**
 * Per pile, when its last session on record ended, read when the gateway starts: a car its pile says was plugged in
 * earlier than that cannot have been (the pile's count or clock went wrong), so no new session is taken to arrive
 * before it ({@link org.orderly.gateway.app.live.SessionTracker#endedOnRecord}).
 */
final class LastDepartures {
    /** Sessions that arrived this long before now are read; older ones cannot bound an arrival at most 7 days back. */
    static final Duration LOOK_BACK = Duration.ofDays(30);

    private LastDepartures() {
    }

    /**
     * @param closedAtStart sessions found open that the gateway closes as it starts (departed unseen): theirs count too
     */
    static Map<Integer, Instant> read(StoreReader reader, Compound compound, Instant now,
                                      List<SessionRecord> closedAtStart) {
        Map<Integer, Instant> out = new HashMap<>();
        // Up to a day ahead: rows written before NTP set the clock back.
        for (SessionRecord s : reader.sessions(now.minus(LOOK_BACK), now.plus(Duration.ofDays(1)))) {
            if (s.departure() != null) {
                note(out, compound.indexOf(s.pile()), s.departure());
            }
        }
        for (SessionRecord s : closedAtStart) {
            note(out, compound.indexOf(s.pile()), s.departedUnseen().departure());
        }
        return out;
    }

    private static void note(Map<Integer, Instant> out, int pile, Instant departure) {
        if (pile >= 0) {
            out.merge(pile, departure, (a, b) -> a.isAfter(b) ? a : b);
        }
    }
}
