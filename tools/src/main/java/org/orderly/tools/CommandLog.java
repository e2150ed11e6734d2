package org.orderly.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * The log's level while a {@link ResultOnly} command runs: WARN on the root logger, given back when the command ends,
 * so tests and an {@code orderly run} later in the same JVM log as configured (a logger with a level of its own in
 * logback.xml keeps it). {@code -Dorderly.commandLog=info} (in {@code ORDERLY_JAVA_OPTS}) gives a command its INFO
 * lines back. Commands at once in one JVM share one quieting: the first sets the level (by its own
 * {@code -Dorderly.commandLog}, read then), the last to end gives it back.
 */
final class CommandLog {
    static final String LEVEL_PROPERTY = "orderly.commandLog";

    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
    private static final Object LOCK = new Object();
    private static int quieting;
    private static Level before;

    private CommandLog() {
    }

    /**
     * Sets the root logger to WARN (or {@code -Dorderly.commandLog}) until the result is closed (once; closing it again
     * does nothing).
     *
     * @throws IllegalArgumentException when {@code -Dorderly.commandLog} names no level
     */
    static Quieted quiet() {
        Level level = level();
        synchronized (LOCK) {
            if (quieting++ == 0 && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                before = root.getLevel();
                root.setLevel(level);
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

    private static Level level() {
        String given = System.getProperty(LEVEL_PROPERTY, "warn").strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(given)) {
            throw new IllegalArgumentException("-D" + LEVEL_PROPERTY + " must be one of trace, debug, info, warn, error, off; "
                    + "was " + System.getProperty(LEVEL_PROPERTY));
        }
        return Level.toLevel(given);
    }

    /** One command's quieting. */
    interface Quieted extends AutoCloseable {
        @Override
        void close();
    }
}
