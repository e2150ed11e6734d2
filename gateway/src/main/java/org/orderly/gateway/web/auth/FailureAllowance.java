package org.orderly.gateway.web.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How many failures (a wrong password, a wrong token) are allowed now: so many at first, then one more every so often
 * (a Bucket4j token bucket). A failure is taken before the check and given back when the check passed: taken after,
 * every attempt that arrives while another is being checked would find the allowance unspent and be checked too, and
 * guesses sent all at once would not be held to it at all.
 */
public final class FailureAllowance {
    private final Bucket bucket;

    /** @param time people's time ({@link #timeOf}), for one allowance or many that share it */
    FailureAllowance(TimeMeter time, int failures, Duration thenOneEvery) {
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillIntervally(1, thenOneEvery))
                .withCustomTimePrecision(time)
                .build();
    }

    /** {@code clock}'s time as buckets read it (a sped-up demo's or a test's clock moves it, not the wall). */
    static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one failure ahead of a check; false, taking none, when none is left. */
    public boolean take() {
        return bucket.tryConsume(1);
    }

    /** Gives back a failure taken ahead of a check that passed (or was not made). */
    public void giveBack() {
        bucket.addTokens(1);
    }

    /** Whole seconds until one more failure is allowed, at least 1 (for {@code Retry-After}). */
    public long retryAfterSeconds() {
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999));
    }
}
