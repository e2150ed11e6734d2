package org.orderly.gateway.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the world's time (household load, cars, tariff, plans) relates to the wall clock that paces the field (meter
 * polls, pile leases, the control period). Live the two are the same ({@link #REAL}); a demo sped up N times maps
 * wall instant {@code t} to {@code worldOrigin + (t - wallOrigin) * speed}, so one 1-second control cycle covers N
 * seconds of the world while leases and staleness keep their real-time meaning at the bridges and meters.
 */
public record TimeScale(Instant wallOrigin, Instant worldOrigin, double speed) {
    /** The world runs on the wall clock. */
    public static final TimeScale REAL = new TimeScale(Instant.EPOCH, Instant.EPOCH, 1.0);

    public TimeScale {
        Objects.requireNonNull(wallOrigin, "wallOrigin");
        Objects.requireNonNull(worldOrigin, "worldOrigin");
        if (!(speed >= 1.0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("time speed must be a finite number >= 1, got " + speed);
        }
    }

    /** A world that starts where the wall clock is now and runs {@code speed} times faster. */
    public static TimeScale startingNow(Clock wall, double speed) {
        Instant now = wall.instant();
        return new TimeScale(now, now, speed);
    }

    public boolean isReal() {
        return speed == 1.0 && wallOrigin.equals(worldOrigin);
    }

    /** The world instant at wall instant {@code wall}. */
    public Instant toWorld(Instant wall) {
        if (isReal()) {
            return wall;
        }
        long wallNanos = Duration.between(wallOrigin, wall).toNanos();
        return worldOrigin.plusNanos(Math.round(wallNanos * speed));
    }

    /** How long {@code wall} of the wall clock lasts in the world. */
    public Duration toWorld(Duration wall) {
        return isReal() ? wall : Duration.ofNanos(Math.round(wall.toNanos() * speed));
    }

    /** The world's clock, read off {@code wall}. */
    public Clock worldClock(Clock wall) {
        return isReal() ? wall : new WorldClock(wall, this);
    }

    private static final class WorldClock extends Clock {
        private final Clock wall;
        private final TimeScale scale;

        WorldClock(Clock wall, TimeScale scale) {
            this.wall = wall;
            this.scale = scale;
        }

        @Override
        public ZoneId getZone() {
            return wall.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new WorldClock(wall.withZone(zone), scale);
        }

        @Override
        public Instant instant() {
            return scale.toWorld(wall.instant());
        }
    }
}
