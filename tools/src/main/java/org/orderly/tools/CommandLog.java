package org.orderly.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * The log's level while a {@link ResultOnly} command runs: WARN on the root logger, given back when the command ends,
 * so tests and an {@code orderly run} later in the same JVM log as configured (a logger with a level of its own in
 * logback.xml keeps it; {@code -Dlogback.configurationFile} gives another file). Commands at once in one JVM share one
 * quieting: the first sets the level, the last to end gives it back.
 */
final class CommandLog {
    private static final Object LOCK = new Object();
    private static int quieting;
    private static Level before;

    private CommandLog() {
    }

    /** Sets the root logger to WARN until the result is closed (once; closing it again does nothing). */
    static Quieted quiet() {
        synchronized (LOCK) {
            if (quieting++ == 0 && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                before = root.getLevel();
                root.setLevel(Level.WARN);
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                giveBack();
            }
        };
    }

    private static void giveBack() {
        synchronized (LOCK) {
            if (--quieting == 0 && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(before);
            }
        }
    }

    /** One command's quieting. */
    interface Quieted extends AutoCloseable {
        @Override
        void close();
    }
}
