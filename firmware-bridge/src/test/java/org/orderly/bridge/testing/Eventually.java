package org.orderly.bridge.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; a test that times out says what it waited for and what it saw last. */
public final class Eventually {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Eventually() {
    }

    /** Returns the first value {@code read} gives that {@code accepted} approves, polling every 20 ms. */
    public static <T> T await(String what, Supplier<T> read, java.util.function.Predicate<? super T> accepted)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = read.get();
        while (!accepted.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + DEADLINE.toSeconds() + " s; last seen: " + last);
            }
            Thread.sleep(20);
            last = read.get();
        }
        return last;
    }
}
