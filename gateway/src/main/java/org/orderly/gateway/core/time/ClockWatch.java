package org.orderly.gateway.core.time;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches the wall clock against its {@link ClockFloor} and, when it is set after a time below the floor, measures
 * the step on the monotonic ticker: the wall clock's offset from the ticker after the set less its offset before
 * (while not set, both run at the same rate, so that offset holds still). Pure: the caller reads both clocks and hands
 * them over; one thread at a time.
 */
public final class ClockWatch {
    private final ClockFloor floor;
    private boolean set = true;
    private Instant unsetFrom;
    /** The wall clock less the ticker at the last look while not set. */
    private Duration unsetOffset;
    private ClockStep step;

    public ClockWatch(ClockFloor floor) {
        this.floor = Objects.requireNonNull(floor, "floor");
    }

    public ClockFloor floor() {
        return floor;
    }

    /**
     * Looks at the clock: it says {@code wall} at {@code tick}. Returns the step when this look is the first to find
     * it set after it was not; empty otherwise.
     */
    public Optional<ClockStep> see(Instant wall, Tick tick) {
        Duration offset = Duration.between(Instant.EPOCH, wall).minusNanos(tick.nanos());
        if (!floor.plausible(wall)) {
            // To the whole second below: the store keeps sessions' times in seconds.
            Instant second = wall.truncatedTo(ChronoUnit.SECONDS);
            if (set) {
                set = false;
                unsetFrom = second;
                step = null;
            } else if (second.isBefore(unsetFrom)) {
                unsetFrom = second;
            }
            unsetOffset = offset;
            return Optional.empty();
        }
        if (set) {
            return Optional.empty();
        }
        set = true;
        Duration by = offset.minus(unsetOffset);
        step = new ClockStep(unsetFrom, wall.minus(by), by);
        return Optional.of(step);
    }

    /** While the clock is not set: the earliest it said since it was last found below the floor (to the second). */
    public Optional<Instant> unsetSince() {
        return set ? Optional.empty() : Optional.of(unsetFrom);
    }

    /** Whether the clock was at or after the floor at the last look (true before the first). */
    public boolean set() {
        return set;
    }

    /** The step of the last set, while the clock has stayed set since; empty if it was never seen below the floor. */
    public Optional<ClockStep> step() {
        return set ? Optional.ofNullable(step) : Optional.empty();
    }
}
