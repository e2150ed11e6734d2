package org.orderly.gateway.core.limit;

import java.util.Map;
import java.util.Objects;

/** Amperes by pile index, as {@link Reservation} holds them: each a finite current, 0 or more. */
final class PileAmps {
    private PileAmps() {
    }

    /**
     * An unmodifiable copy of {@code amps}, each checked.
     *
     * @param what what the amperes are, for the error ("reserved current")
     * @throws IllegalArgumentException naming the pile whose current is negative, infinite or not a number
     */
    static Map<Integer, Double> checked(Map<Integer, Double> amps, String what) {
        Map<Integer, Double> copy = Map.copyOf(Objects.requireNonNull(amps, what));
        copy.forEach((pile, a) -> {
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new IllegalArgumentException("pile " + pile + ": " + what + " must be >= 0 A, was " + a);
            }
        });
        return copy;
    }
}
