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

    /** One request. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call() throws Exception;
    }

    public BusyRetry {
        if (retries < 0 || backoff.isNegative()) {
            throw new IllegalArgumentException("invalid busy retry " + retries + " after " + backoff);
        }
    }

    /**
     * Runs {@code attempt}, and again while it is answered busy, at most {@link #retries} more times, after the
     * backoff doubled each time; then throws what the last try threw. Anything else it throws is thrown at once.
     */
    public <T> T run(Attempt<T> attempt, Sleeper sleeper) throws Exception {
        for (int retry = 1; ; retry++) {
            try {
                return attempt.call();
            } catch (Exception e) {
                if (retry > retries || !FailureClassifier.busy(e)) {
                    throw e;
                }
            }
            try {
                sleeper.sleep(backoff.multipliedBy(1L << Math.min(retry - 1, 16)));
            } catch (InterruptedException e) {
                // Callers sort what a request threw and may not look for this: the flag tells their loop to stop.
                Thread.currentThread().interrupt();
                throw e;
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
