package org.orderly.tools.commission;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * The pile drivers' log, quieted for an installer's command: a driver logs each new failure at WARN, naming the pile
 * and quoting the CoAP or DTLS stack ({@code Handshake flight 5 failed! ... Wrong PSK identity or secret?}), which is
 * what the gateway service's log needs. A command says the same in its advice and detail lines, so the WARN line would
 * say it twice, stamped and named by logger. Errors still show. The quieting lasts for the command's run: closing what
 * {@link #quiet} returns gives each logger the level it had (none, for one that inherits its parent's), so a later
 * command, a test or {@code orderly run} in the same JVM keeps the WARN lines. Logback's levels, unlike
 * slf4j-simple's (read once, when a logger is made), can be set and given back while running, and a logger below
 * one of these (Scandium's {@code DTLSConnector} below Californium) follows its parent's level at once.
 * {@code -Dorderly.driverLog=warn} (in {@code ORDERLY_JAVA_OPTS}) gives the lines back to a command. Commands run at
 * once in one JVM share one quieting: the first sets the levels (by its own {@code -Dorderly.driverLog}, read then),
 * the last to end gives them back, and a level asked for by a command that starts meanwhile is not taken.
 */
final class DriverLog {
    /**
     * The pile drivers' failure reports, the CoAP and DTLS stacks (Californium, Scandium) under them, and what a
     * bridge's {@code /info} says against the configuration: pile get and pile set have none (their driver's safe
     * current is its default, 6 A, and a bridge on another one drew a WARN naming {@code driver.coap.safeAmps}, until
     * 2026-12-03), and selftest says it in the pile's row; and a Modbus pile's map without a watchdog register (what
     * the pile does once the gateway stops: pile set says it, "with no lease", and selftest in the row of a pile that
     * keeps its last limit).
     */
    static final List<String> QUIETED = List.of("org.orderly.gateway.field.pile.FailureReporter", "org.eclipse.californium",
            "org.orderly.gateway.field.pile.BridgeInfoCheck", "org.orderly.gateway.field.pile.WatchdogCheck");

    /** The level a command gives them, if not {@code error}. */
    static final String LEVEL_PROPERTY = "orderly.driverLog";

    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    private static final Object LOCK = new Object();
    /** Commands quieting now: two run at once in one JVM (tests) share one quieting, given back when the last ends. */
    private static int quieting;
    private static Map<Logger, Level> before = Map.of();

    private DriverLog() {
    }

    /** Quiets the drivers' log until the result is closed. */
    static Quieted quiet() {
        Level level = level();
        synchronized (LOCK) {
            if (quieting++ == 0 && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                Map<Logger, Level> levels = new LinkedHashMap<>();
                for (String name : QUIETED) {
                    Logger logger = context.getLogger(name);
                    levels.put(logger, logger.getLevel());
                    logger.setLevel(level);
                }
                before = levels;
            }
        }
        return new Quieted();
    }

    private static Level level() {
        String given = System.getProperty(LEVEL_PROPERTY, "error").strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(given)) {
            throw new IllegalArgumentException("-D" + LEVEL_PROPERTY + " must be one of trace, debug, info, warn, error, off; was "
                    + System.getProperty(LEVEL_PROPERTY));
        }
        return Level.toLevel(given);
    }

    /** One command's quieting; closing it twice gives back once. */
    static final class Quieted implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();

        private Quieted() {
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            synchronized (LOCK) {
                if (--quieting == 0) {
                    before.forEach(Logger::setLevel);
                    before = Map.of();
                }
            }
        }
    }
}
