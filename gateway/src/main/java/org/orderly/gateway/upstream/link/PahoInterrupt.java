package org.orderly.gateway.upstream.link;

/**
 * An interrupt that Paho took: its token waits (v5 and 3.1.1 alike) catch the {@link InterruptedException} of the
 * waiting thread and throw an {@code MqttException} with it as the cause, the thread's interrupt flag cleared by then.
 * Left so, the next wait of that thread runs its full time as if no one had asked it to stop: the link's thread, whose
 * publish the broker acknowledged just as a stop interrupted it, would wait for its next PUBACK; a thread that stops
 * the link (the gateway's stop, the Kura deactivate) returned from it with its own interrupt gone. Every Paho wait is
 * made through {@link #kept}, so the thread stays interrupted (until 2026-12-06 it did not:
 * {@code UpstreamStopInterruptedTest}; until 2026-12-07 each catch of a Paho wait passed its exception on by hand, at
 * nine places, which a new one could forget).
 */
final class PahoInterrupt {
    private PahoInterrupt() {
    }

    /** A call to Paho that may wait, throwing its client's own exception type. */
    @FunctionalInterface
    interface PahoWait<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code wait}; when it throws Paho's report of an interrupted wait, sets the current thread's interrupt flag
     * again before passing the exception on as it is.
     */
    static <E extends Exception> void kept(PahoWait<E> wait) throws E {
        try {
            wait.run();
        } catch (Exception e) {
            if (wasInterrupted(e)) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /** Whether {@code e} is Paho's report of a wait that the waiting thread's interrupt ended. */
    static boolean wasInterrupted(Exception e) {
        return e.getCause() instanceof InterruptedException;
    }
}
