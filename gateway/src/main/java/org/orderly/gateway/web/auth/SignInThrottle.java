package org.orderly.gateway.web.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How often the local page checks a password. Each address (an IPv6 client's /64: {@link AddressGroup}) may fail
 * {@value #PER_ADDRESS} times, then once a minute; a right password spends none of them but
 * does not wipe the failures before it. All addresses together may fail {@value #ALL_ADDRESSES} times, then
 * once every {@value #ALL_REFILL_SECONDS} seconds, and one password is checked at a time: a check hashes with
 * PBKDF2, slow on purpose (docs/web.md has the measured time), and a flood of them must not take the gateway's
 * processors from its control loop.
 */
public final class SignInThrottle {
    static final int PER_ADDRESS = 5;
    static final int ALL_ADDRESSES = 20;
    static final int ALL_REFILL_SECONDS = 3;
    /** Addresses (IPv6 /64s) remembered; the least recently seen is forgotten first. */
    private static final int ADDRESSES_KEPT = 4096;

    /** What became of a sign-in attempt. */
    public sealed interface Attempt {
        /** Not checked: too many failures. */
        record Refused(long retryAfterSeconds) implements Attempt {
        }

        /**
         * Not checked: another password was being checked all the while this one waited; nothing failed, and nothing
         * is counted against the address (a failure of none, said as one, would send a resident to wait for nothing).
         */
        record Busy(long retryAfterSeconds) implements Attempt {
        }

        /** Checked: whether the password was right. */
        record Checked(boolean right) implements Attempt {
        }
    }

    private final TimeMeter time;
    private final Bucket all;
    private final Map<String, Bucket> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > ADDRESSES_KEPT;
        }
    };
    private final Semaphore oneCheck = new Semaphore(1);

    /** @param clock people's time (a sped-up demo does not shorten a lockout) */
    public SignInThrottle(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.all = bucket(ALL_ADDRESSES, Duration.ofSeconds(ALL_REFILL_SECONDS));
    }

    /** Checks a password from {@code address} with {@code check}, unless that address or everyone failed too often. */
    public Attempt attempt(String address, BooleanSupplier check) {
        String group = AddressGroup.of(address);
        Bucket mine = bucketOf(group);
        // The failure is counted before the check and given back when the password is right (or not checked):
        // counted after, every attempt that arrives while another is being hashed would find the budget unspent and
        // be checked too, and guesses sent all at once would not be held to the budget at all.
        if (!mine.tryConsume(1)) {
            return refused(mine);
        }
        if (!all.tryConsume(1)) {
            mine.addTokens(1);
            return refused(mine);
        }
        try {
            if (!oneCheck.tryAcquire(2, TimeUnit.SECONDS)) {
                giveBack(mine);
                return new Attempt.Busy(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveBack(mine);
            return new Attempt.Busy(1);
        }
        boolean right = false;
        try {
            right = check.getAsBoolean();
        } finally {
            oneCheck.release();
            if (right) {
                // Given back, not cleared: an account holder who signs in between guesses at another's password
                // would otherwise get five more each time.
                giveBack(mine);
            }
        }
        return new Attempt.Checked(right);
    }

    private void giveBack(Bucket mine) {
        mine.addTokens(1);
        all.addTokens(1);
    }

    private Attempt refused(Bucket mine) {
        long wait = Math.max(nanosToWait(mine), nanosToWait(all));
        return new Attempt.Refused(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999)));
    }

    private Bucket bucketOf(String address) {
        synchronized (byAddress) {
            return byAddress.computeIfAbsent(address, a -> bucket(PER_ADDRESS, Duration.ofMinutes(1)));
        }
    }

    private Bucket bucket(int failures, Duration thenOneEvery) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillIntervally(1, thenOneEvery))
                .withCustomTimePrecision(time)
                .build();
    }

    private static long nanosToWait(Bucket bucket) {
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }
}
