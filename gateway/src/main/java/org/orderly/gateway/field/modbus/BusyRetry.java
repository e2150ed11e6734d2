package org.orderly.gateway.field.modbus;

import java.time.Duration;

/**
 * How a request answered with exception 06 (server device busy) is sent again: the Modbus spec's "retry later". j2mod
 * throws it as it throws any exception response, and retries none.
 *
 * @param retries further tries after a busy answer
 * @param backoff the wait before the first of them, doubled before each further one
 */
public record BusyRetry(int retries, Duration backoff) {

    /** Three more tries, after 50, 100 and 200 ms: 0.35 s of waiting at most. */
    public static final BusyRetry DEFAULT = new BusyRetry(3, Duration.ofMillis(50));

    /** One request, not sent again: for a caller that asks a busy device again itself, on its own clock. */
    public static final BusyRetry NONE = new BusyRetry(0, Duration.ZERO);

    /** One request. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T call() throws E, InterruptedException;
    }

    /** Whether there is time for a wait and the request after it. */
    @FunctionalInterface
    public interface Budget {
        boolean allows(Duration wait);

        /** Time for every retry. */
        Budget UNBOUNDED = wait -> true;
    }

    public BusyRetry {
        if (retries < 0 || backoff.isNegative()) {
            throw new IllegalArgumentException("invalid busy retry " + retries + " after " + backoff);
        }
    }

    /** As {@link #run(Attempt, Sleeper, Budget)}, with time for every retry. */
    public <T, E extends Exception> T run(Attempt<T, E> attempt, Sleeper sleeper) throws E, InterruptedException {
        return run(attempt, sleeper, Budget.UNBOUNDED);
    }

    /**
     * Runs {@code attempt}, and again while it is answered busy, at most {@link #retries} more times, after the
     * backoff doubled each time, and only while {@code budget} allows the wait; then throws what the last try threw.
     * Anything else it throws is thrown at once, carrying, after busy answers, how many came before it
     * ({@link AnsweredBusyBefore}, suppressed). An interrupt during a wait is thrown as such: a stop, not a failure of
     * the device.
     */
    public <T, E extends Exception> T run(Attempt<T, E> attempt, Sleeper sleeper, Budget budget)
            throws E, InterruptedException {
        for (int retry = 1; ; retry++) {
            try {
                return attempt.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                Duration wait = backoff.multipliedBy(1L << Math.min(retry - 1, 16));
                boolean busy = FailureClassifier.busy(e);
                if (!busy && retry > 1) {
                    e.addSuppressed(new AnsweredBusyBefore(retry - 1));
                }
                if (retry > retries || !busy || !budget.allows(wait)) {
                    throw e;
                }
                sleeper.sleep(wait);
            }
        }
    }

    /** How many times a request is sent at most. */
    public int tries() {
        return retries + 1;
    }

    /** The waits between them, added up. */
    public Duration waitsInAll() {
        return backoff.multipliedBy((1L << Math.min(retries, 16)) - 1);
    }
}
