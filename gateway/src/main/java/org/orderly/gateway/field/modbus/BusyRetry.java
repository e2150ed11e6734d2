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

    /** Runs {@code attempt}. */
    public <T> T run(Attempt<T> attempt, Sleeper sleeper) throws Exception {
        return attempt.call();
    }
}
