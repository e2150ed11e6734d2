package org.orderly.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

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

    /**
     * As {@link #until(String, Duration, BooleanSupplier)}, the failure also saying what {@code lastSeen} gives at the
     * deadline: the value the condition looked at, so a timeout tells how far it got. Not an overload of {@code until}:
     * a lambda such as {@code () -> driver.latest()} fits a {@link Step} as well as a {@link Supplier}.
     */
    public static void untilSeeing(String what, Duration within, BooleanSupplier condition, Supplier<?> lastSeen)
            throws InterruptedException {
        try {
            until(what, within, condition);
        } catch (AssertionError notWithin) {
            throw new AssertionError(notWithin.getMessage() + "; last seen: " + lastSeen.get(), notWithin);
        }
    }

    /**
     * Returns the first value {@code read} gives that {@code accepted} approves, for a test that goes on with the value
     * it waited for; an AssertionError naming {@code what} and the last value read when none is approved in time.
     */
    public static <T> T untilGiving(String what, Duration within, Supplier<T> read, Predicate<? super T> accepted)
            throws InterruptedException {
        AtomicReference<T> last = new AtomicReference<>();
        untilSeeing(what, within, () -> {
            last.set(read.get());
            return accepted.test(last.get());
        }, last::get);
        return last.get();
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
