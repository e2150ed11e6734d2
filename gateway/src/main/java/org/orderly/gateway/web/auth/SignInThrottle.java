package org.orderly.gateway.web.auth;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How often the local page checks a password. Each address (an IPv6 client's /64: {@link AddressAllowances}) may
 * fail {@value #PER_ADDRESS} times, then once a minute; a right password spends none of them but
 * does not wipe the failures before it. All addresses together may fail {@value #ALL_ADDRESSES} times, then
 * once every {@value #ALL_REFILL_SECONDS} seconds, and one password is checked at a time: a check hashes with
 * PBKDF2, slow on purpose (docs/web.md has the measured time), and a flood of them must not take the gateway's
 * processors from its control loop.
 */
public final class SignInThrottle {
    static final int PER_ADDRESS = AddressAllowances.PER_ADDRESS;
    static final int ALL_ADDRESSES = 20;
    static final int ALL_REFILL_SECONDS = 3;

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

    private final AddressAllowances byAddress;
    private final FailureAllowance all;
    private final Semaphore oneCheck = new Semaphore(1);

    /** @param clock people's time (a sped-up demo does not shorten a lockout) */
    public SignInThrottle(Clock clock) {
        TimeMeter time = FailureAllowance.timeOf(clock);
        this.byAddress = new AddressAllowances(time);
        this.all = new FailureAllowance(time, ALL_ADDRESSES, Duration.ofSeconds(ALL_REFILL_SECONDS));
    }

    /** Checks a password from {@code address} with {@code check}, unless that address or everyone failed too often. */
    public Attempt attempt(String address, BooleanSupplier check) {
        FailureAllowance mine = byAddress.of(address);
        // Counted before the check, given back when the password is right (or not checked): FailureAllowance says why.
        if (!mine.take()) {
            return refused(mine);
        }
        if (!all.take()) {
            mine.giveBack();
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

    private void giveBack(FailureAllowance mine) {
        mine.giveBack();
        all.giveBack();
    }

    private Attempt refused(FailureAllowance mine) {
        return new Attempt.Refused(Math.max(mine.retryAfterSeconds(), all.retryAfterSeconds()));
    }
}
