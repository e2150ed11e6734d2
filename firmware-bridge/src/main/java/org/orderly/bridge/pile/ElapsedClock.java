package org.orderly.bridge.pile;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.orderly.bridge.lease.ElapsedTime;

/**
 * A clock that reads what {@code wall} read when it was made and from then on runs by the time passed
 * ({@link ElapsedTime}): a real-time pile's vehicle and session energy run on it, so that setting the wall clock (NTP
 * at a Pi's boot, an installer) is no time the car charged in. On the wall clock a step forward of an hour was counted
 * as an hour at the car's draw (docs/firmware-bridge.md, {@code sessionEnergyKwh}). The demo's own piles run their cars
 * on it too when its world runs in real time ({@code orderly demo --speed 1}).
 *
 * <p>The gateway's sped-up world clock ({@code TimeScale.worldClock}) is the same idea, sped up, on the gateway core's
 * own elapsed time ({@code Ticker}); in real time it is the wall clock itself, which the gateway stamps its records
 * by. Not one class: the modules both depend on are {@code text} and {@code serial} (and the tests' {@code testkit}),
 * none about time, and a module of its own for these lines would need an adapter to each side's elapsed time.
 */
public final class ElapsedClock extends Clock {
    private final Instant origin;
    private final long originNanos;
    private final ElapsedTime elapsed;
    private final ZoneId zone;

    private ElapsedClock(Instant origin, long originNanos, ElapsedTime elapsed, ZoneId zone) {
        this.origin = origin;
        this.originNanos = originNanos;
        this.elapsed = elapsed;
        this.zone = zone;
    }

    /** From what {@code wall} reads now, on by {@code elapsed}. */
    public static ElapsedClock from(Clock wall, ElapsedTime elapsed) {
        Objects.requireNonNull(elapsed, "elapsed");
        return new ElapsedClock(wall.instant(), elapsed.nanos(), elapsed, wall.getZone());
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(elapsed.nanos() - originNanos);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ElapsedClock(origin, originNanos, elapsed, zone);
    }
}
