package org.orderly.gateway.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Where a fresh store's upstream message numbers begin while the clock is not set (docs/upstream.md, "events":
 * {@code store.numbered}, and {@code store.movedAside} of a store whose numbers could not be read). The clock then
 * says nothing about which numbers earlier stores of the gateway gave, and the floor alone gave every such store the
 * same numbers: ids the grid side already had, dropped there as repeats. So the first number is the floor's
 * milliseconds plus {@link #BASE} plus a random offset below {@link #SPAN}: above every number the clock's milliseconds
 * give (those of a store begun with the clock set) for 71,000 years after the floor, below 2^53 so that a consumer
 * reading JSON numbers as doubles still reads it exactly; two such stores each giving at most n numbers share one with
 * probability at most 2n / 2^51.
 */
public final class UnsetClockNumbers {
    /** 2^51 ms, about 71,000 years: what lifts these numbers clear of the clock's milliseconds. */
    public static final long BASE = 1L << 51;
    /** The random offset's range, 2^51. */
    public static final long SPAN = 1L << 51;

    private static final SecureRandom RANDOM = new SecureRandom();

    private UnsetClockNumbers() {
    }

    /** The first number of a fresh store begun while the clock is not set, {@code floor} its floor (not before 1970). */
    public static long first(Instant floor) {
        return first(floor, RANDOM);
    }

    static long first(Instant floor, RandomGenerator random) {
        return floor.toEpochMilli() + BASE + random.nextLong(SPAN);
    }
}
