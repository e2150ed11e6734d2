package org.orderly.gateway.core.time;

import java.time.Instant;
import java.util.Objects;

/**
 * The earliest time the wall clock can plausibly say: a box without a battery-backed clock starts at 1970 (or at
 * fake-hwclock's last saved time) after a power cut, until NTP sets it. A clock earlier than the time this build was
 * made, or than the newest time the store already holds, is certainly wrong; later, it may still be wrong, but not
 * provably.
 *
 * @param at           the floor
 * @param source       what it is, in words for the log ("this build was made", "the newest time in the store")
 * @param ifClockRight what to do if the clock is right and the floor is not (a store of times from a clock that ran
 *                     ahead), for the ERROR that says the clock is not set; empty when the floor cannot be wrong
 */
public record ClockFloor(Instant at, String source, String ifClockRight) {
    /** No floor: every time is plausible (simulations and tests that set their own clocks). */
    public static final ClockFloor NONE = new ClockFloor(Instant.MIN, "no floor");

    public ClockFloor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ifClockRight, "ifClockRight");
    }

    /** A floor that cannot be wrong, such as the time the build was made. */
    public ClockFloor(Instant at, String source) {
        this(at, source, "");
    }

    /** Whether {@code now} is not before the floor. */
    public boolean plausible(Instant now) {
        return !now.isBefore(at);
    }

    /** The later of two floors. */
    public static ClockFloor latest(ClockFloor a, ClockFloor b) {
        return b.at.isAfter(a.at) ? b : a;
    }
}
