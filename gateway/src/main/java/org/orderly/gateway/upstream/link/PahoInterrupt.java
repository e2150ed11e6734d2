package org.orderly.gateway.upstream.link;

/**
 * An interrupt that Paho took: its token waits (v5 and 3.1.1 alike) catch the {@link InterruptedException} of the
 * waiting thread and throw an {@code MqttException} with it as the cause, the thread's interrupt flag cleared by then.
 * Left so, the next wait of that thread runs its full time as if no one had asked it to stop: the link's thread, whose
 * publish the broker acknowledged just as a stop interrupted it, would wait for its next PUBACK; a thread that stops
 * the link (the gateway's stop, the Kura deactivate) returned from it with its own interrupt gone. Every catch of a
 * Paho wait passes its exception here, so the thread stays interrupted (until 2026-12-06 it did not:
 * {@code UpstreamStopInterruptedTest}).
 */
final class PahoInterrupt {
    private PahoInterrupt() {
    }

    /** Sets the current thread's interrupt flag again when {@code e} is Paho's report of an interrupted wait. */
    static void keep(Exception e) {
        if (e.getCause() instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}
