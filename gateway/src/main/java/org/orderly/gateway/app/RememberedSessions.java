package org.orderly.gateway.app;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreReader;

/**
 * The sessions the store remembers, handed to the policy when the gateway starts, so that residents' habits
 * survive a restart as they do in {@code orderly simulate}'s history. Sessions still open, those on piles no longer
 * configured, and those whose car left while the gateway was down are left out: the departure of the last is only the
 * last time the car was seen, and would teach a stay shorter than it was.
 */
final class RememberedSessions {
    /** As far back as habits reach: four weeks hold a resident's routine on every weekday. */
    static final Duration WINDOW = Duration.ofDays(28);

    private RememberedSessions() {
    }

    /** Feeds {@code policy} every session that ended in the {@link #WINDOW} before {@code now}; returns how many. */
    static int feed(StoreReader reader, Compound compound, Instant now, Consumer<PastSession> policy) {
        int n = 0;
        for (SessionRecord s : reader.sessions(now.minus(WINDOW), now)) {
            int pile = compound.indexOf(s.pile());
            if (pile < 0 || s.departure() == null || !s.departureSeen() || !s.departure().isAfter(s.arrival())
                    || s.departure().isAfter(now)) {
                continue;
            }
            policy.accept(new PastSession(pile, s.arrival(), s.departure(), s.deliveredKWh(),
                    new Declaration(s.declaredDeparture(), s.declaredKWh()), s.full()));
            n++;
        }
        return n;
    }
}
