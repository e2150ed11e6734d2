package org.orderly.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, the tests' one way to wait for what another thread or process does. */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; an AssertionError naming {@code what} when it does not within the time. */
    public static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        until(what, within, condition, () -> Thread.sleep(10));
    }

    /**
     * As {@link #until(String, Duration, BooleanSupplier)}, doing {@code between} between looks instead of sleeping: a
     * poller's cycle, for a condition only its cycles bring about.
     */
    public static <E extends Exception> void until(String what, Duration within, BooleanSupplier condition, Step<E> between)
            throws E, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            between.run();
        }
    }

    /** What is done between two looks at a condition. */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }

    /**
     * Returns once {@code condition} has held without a break for {@code hold}; an AssertionError naming {@code what}
     * when it has not within the time.
     */
    public static void holding(String what, Duration within, Duration hold, BooleanSupplier condition)
            throws InterruptedException {
        long[] heldSince = {System.nanoTime()};
        until(what + ", for " + hold.toMillis() + " ms", within, () -> {
            long now = System.nanoTime();
            if (!condition.getAsBoolean()) {
                heldSince[0] = now;
            }
            return now - heldSince[0] >= hold.toNanos();
        });
    }
}
