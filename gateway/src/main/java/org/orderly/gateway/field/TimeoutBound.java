package org.orderly.gateway.field;

import java.util.Objects;

/**
 * The longest timeout a setting takes where a late meter is, and why no longer: what {@link SlowAnswer#advice} tells
 * an installer to give is at most this, so that check-config (or the command) then accepts it. A bus carrying Modbus
 * piles takes less than any other, its piles' leases being renewed within the timeout.
 *
 * @param mostMs  the longest timeout taken, in ms
 * @param why     said after that value: {@code the most it takes}, or what holds a bus with piles to it
 * @param ownLine whether a line of its own, without what holds this one, takes longer: a meter too slow for this
 *                bound is told to move there
 */
public record TimeoutBound(long mostMs, String why, boolean ownLine) {
    /** The longest timeout any bus, or any command's {@code --timeout-ms}, takes. */
    public static final int MOST_MS = 60_000;

    /** A setting held only to {@link #MOST_MS}. */
    public static final TimeoutBound ANY = new TimeoutBound(MOST_MS, "the most it takes", false);

    public TimeoutBound {
        Objects.requireNonNull(why, "why");
        if (mostMs < 1 || mostMs > MOST_MS) {
            throw new IllegalArgumentException("a timeout bound must be 1.." + MOST_MS + " ms, was " + mostMs);
        }
    }
}
