package org.orderly.bridge.pile;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Whether a car draws more than the pilot offers it for longer than it is given to follow: then the pile trips ({@link
 * PileFault#vehicleOverCurrent()}). The draw is the most loaded phase's current where a pile meter reads the phase
 * currents, otherwise estimated per phase from the power (all phases) and the pile's nominal voltage and phases, which
 * under-estimates one phase drawing more than the others. The figures are EVerest's EvseManager's soft over-current
 * check (the standard's own timing could not be read; docs/firmware-bridge.md, "Over-current"): a car may draw the
 * offer plus the meter's noise, plus 10 %, and may draw more for 7 s, the 5 s a car has to follow a changed duty cycle
 * and a margin. Not thread-safe: the pile asks it under its lock.
 */
final class OverCurrentWatch {
    /** What the measurement may err by, added to the offer before the tolerance (EVerest's default, 0.5 A). */
    static final double MEASUREMENT_NOISE_AMPS = 0.5;
    /** How much over the offer (and the noise) a car may draw at any time (EVerest's default, 10 %). */
    static final double TOLERANCE = 0.10;
    /** How long a car may draw more than that before the pile trips (EVerest's default, 7 s; 6 s its least). */
    static final Duration GRACE = Duration.ofSeconds(7);

    private OptionalLong overSinceNanos = OptionalLong.empty();

    /** The most a car offered {@code offeredAmps} per phase may draw per phase, without a time limit. */
    static double limitFor(double offeredAmps) {
        return (offeredAmps + MEASUREMENT_NOISE_AMPS) * (1.0 + TOLERANCE);
    }

    /** The current per phase that {@code powerKw} on {@code phases} phases at {@code voltsPerPhase} is. */
    static double ampsPerPhase(double powerKw, int phases, double voltsPerPhase) {
        return powerKw * 1000.0 / (phases * voltsPerPhase);
    }

    /**
     * Takes what the car draws now under what the pilot offers it (the relay closed; otherwise nothing is drawn through
     * the pile and the watch starts again); true once it has drawn more than {@link #limitFor} for {@link #GRACE}.
     */
    boolean exceededTooLong(double drawnAmps, double offeredAmps, boolean relayClosed, long nowNanos) {
        if (!relayClosed || drawnAmps <= limitFor(offeredAmps)) {
            overSinceNanos = OptionalLong.empty();
            return false;
        }
        if (overSinceNanos.isEmpty()) {
            overSinceNanos = OptionalLong.of(nowNanos);
        }
        return nowNanos - overSinceNanos.getAsLong() >= GRACE.toNanos();
    }

    /** Whether the car is drawing more than it is offered now, the grace running. */
    boolean exceeding() {
        return overSinceNanos.isPresent();
    }
}
