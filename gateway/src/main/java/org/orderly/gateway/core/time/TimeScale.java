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
 *
 * <p>A sped-up world's clock ({@link #worldClock}) reads the wall clock once, when it is made, and runs on from there
 * on elapsed time: a step of the machine's clock (NTP, a clock set by hand) is no time the simulated world lived.
 * Until 2026-12-07 it read the wall clock at every instant, and a step of 10 minutes at 120x moved the world on 20
 * hours at once: the demo's bridges counted a charging car's draw over them in one status (beyond what its battery
 * took), which the gateway's session energy bound, timing the pile on the ticker, refused for minutes
 * ({@code SpedUpDemoClockStepTest}).
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

    /**
     * The world's clock: the wall clock itself in real time; sped up, the world's instant where {@code wall} is now, moved
     * on by what {@code ticker} measures since, {@link #speed} times as fast.
     */
    public Clock worldClock(Clock wall, Ticker ticker) {
        return isReal() ? wall : new WorldClock(wall.getZone(), toWorld(wall.instant()), ticker, ticker.now(), speed);
    }

    private static final class WorldClock extends Clock {
        private final ZoneId zone;
        private final Instant origin;
        private final Ticker ticker;
        private final Tick originTick;
        private final double speed;

        WorldClock(ZoneId zone, Instant origin, Ticker ticker, Tick originTick, double speed) {
            this.zone = zone;
            this.origin = origin;
            this.ticker = ticker;
            this.originTick = originTick;
            this.speed = speed;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new WorldClock(zone, origin, ticker, originTick, speed);
        }

        @Override
        public Instant instant() {
            return origin.plusNanos(Math.round(ticker.now().since(originTick).toNanos() * speed));
        }
    }
}
