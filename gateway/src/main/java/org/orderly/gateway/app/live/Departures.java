package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.core.policy.Departed;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * The sessions that ended since the policy was last asked, seen cycle by cycle in every mode, and how each ended: seen
 * leaving at the cycle that found it gone (never before it arrived, whatever a stepped clock says), or unseen when its
 * pile could not be heard in the last cycle it was open (the store closes it so too, {@code departure_seen = 0}) or
 * the clock was not set. The
 * policy is not asked while the meter is stale or the clock not set: a car that left then is learned as leaving then,
 * not at the next cycle that asks it, maybe hours later.
 */
final class Departures {
    /** Each session open at the last cycle, and whether its pile could not be heard then. */
    private Map<String, Open> open = Map.of();
    private final List<Departed> ended = new ArrayList<>();

    private record Open(PluggedSession session, boolean unheard) {
    }

    /**
     * This cycle's open sessions, those on piles it could not hear in {@code unheard}; {@code now} empty when the
     * clock is not set (a car gone then left at a time nobody knows).
     */
    void see(List<PluggedSession> sessions, List<PluggedSession> unheard, Optional<Instant> now) {
        Set<String> unheardIds = new HashSet<>();
        for (PluggedSession s : unheard) {
            unheardIds.add(s.id());
        }
        Map<String, Open> current = new HashMap<>();
        for (PluggedSession s : sessions) {
            current.put(s.id(), new Open(s, unheardIds.contains(s.id())));
        }
        for (Open was : open.values()) {
            if (!current.containsKey(was.session().id())) {
                Instant arrival = was.session().arrival();
                ended.add(new Departed(was.session().id(), was.unheard() ? Optional.empty()
                        : now.map(t -> t.isBefore(arrival) ? arrival : t)));
            }
        }
        open = current;
    }

    /** The sessions ended since the last call, for the policy asked now. */
    List<Departed> take() {
        List<Departed> out = List.copyOf(ended);
        ended.clear();
        return out;
    }
}
