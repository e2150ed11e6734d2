package org.orderly.gateway.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 *
 * <p>What a car took is not known on a pile that counts no session energy ({@link UncountedPiles}): its rows say null,
 * taught as NaN, a stay that says nothing of what a car wants. Rows written before migration 9 say 0 for it instead,
 * which would teach a car that wants nothing for the four weeks after an upgrade; a 0 on such a pile is taught as not
 * known too. A 0 on a pile that counts energy is a car that took nothing, and is taught so; so is a count other than 0
 * on a pile that counts none now (its map has changed since).
 */
final class RememberedSessions {
    /** As far back as habits reach: four weeks hold a resident's routine on every weekday. */
    static final Duration WINDOW = Duration.ofDays(28);

    private RememberedSessions() {
    }

    /**
     * Feeds {@code policy} every session that ended in the {@link #WINDOW} before {@code now}; returns how many.
     *
     * @param uncounted the piles that count no session energy, whose rows' 0 kWh is not known
     */
    static int feed(StoreReader reader, Compound compound, UncountedPiles uncounted, Instant now,
                    Consumer<PastSession> policy) {
        int n = 0;
        for (SessionRecord s : reader.sessions(now.minus(WINDOW), now)) {
            int pile = compound.indexOf(s.pile());
            Optional<PastSession> past = pile < 0 ? Optional.empty()
                    : taught(s, pile, now).map(p -> p.energyKWh() == 0 && uncounted.has(s.pile())
                            ? energyUnknown(p) : p);
            if (past.isPresent()) {
                policy.accept(past.get());
                n++;
            }
        }
        return n;
    }

    /** {@code past} with its energy not known (NaN): a row from before migration 9 says 0 for it. */
    private static PastSession energyUnknown(PastSession past) {
        return new PastSession(past.pileIndex(), past.arrival(), past.departure(), Double.NaN, past.declared(),
                past.reachedFull());
    }

    /**
     * What the stored session {@code s} on pile {@code pileIndex} teaches the habits as of {@code now}: nothing while it
     * is open, when its car left unseen, or when its stay is empty or not over by {@code now}.
     */
    static Optional<PastSession> taught(SessionRecord s, int pileIndex, Instant now) {
        if (s.departure() == null || !s.departureSeen() || !s.departure().isAfter(s.arrival())
                || s.departure().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new PastSession(pileIndex, s.arrival(), s.departure(), s.deliveredKWh(),
                new Declaration(s.declaredDeparture(), s.declaredKWh()), s.full()));
    }
}
