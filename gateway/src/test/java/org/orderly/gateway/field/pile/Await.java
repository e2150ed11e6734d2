package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; failure names what was awaited and the last value seen. */
final class Await {

    private Await() {
    }

    static long until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        return until(what, within, condition, () -> "");
    }

    /** @return how long it took, in ms */
    static long until(String what, Duration within, BooleanSupplier condition, Supplier<Object> lastSeen)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what + "; last seen: " + lastSeen.get());
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
