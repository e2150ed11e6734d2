package org.orderly.tools.commission;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * What {@code orderly pile set} says when it is stopped (Ctrl-C, a SIGTERM) once it has sent its limit and before it
 * has read it back: the pile may hold that limit, under a lease the command no longer renews, and the installer who
 * stopped it should know so, and until when. Until 2026-12-07 the command ended without a word, exit 130, the pile
 * offering the limit for up to --ttl-s more. A shutdown hook for as long as it is armed; closing it removes the hook.
 */
final class StoppedAfterSending implements AutoCloseable {
    private final Thread hook;

    private StoppedAfterSending(Thread hook) {
        this.hook = hook;
    }

    /** Says {@code line} on {@code err} if the JVM is stopped before {@link #close}. */
    static StoppedAfterSending arm(PrintWriter err, Supplier<String> line) {
        Thread hook = new Thread(() -> {
            err.println(line.get());
            err.flush();
        }, "orderly-pile-set-stopped");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StoppedAfterSending(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // The JVM is stopping already: the hook says its line, as it should, the read-back not made.
        }
    }
}
