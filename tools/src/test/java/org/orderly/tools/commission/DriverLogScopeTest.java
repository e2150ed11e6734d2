package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.californium.scandium.DTLSConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.LogWritten;
import org.orderly.tools.testing.OrderlyRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command that quiets the pile drivers' log ({@code pile get}) quiets it for its own run only: tests run commands in
 * this JVM, and so could {@code orderly run} after them. Scandium's connector, made during the command (nothing loaded
 * it before in this class), warns again once the command has ended, as the configuration says it should.
 * {@code -Dorderly.driverLog=LEVEL} gives the level a command sets. Quietings that overlap (commands at once in one
 * JVM) give the levels back when the last ends, and one closed twice ends once.
 */
class DriverLogScopeTest {
    private static final String CALIFORNIUM = "org.eclipse.californium";
    private static final String FAILURES = "org.orderly.gateway.field.pile.FailureReporter";
    private static final String INFO_CHECK = "org.orderly.gateway.field.pile.BridgeInfoCheck";
    private static final String WATCHDOG = "org.orderly.gateway.field.pile.WatchdogCheck";

    @TempDir
    Path dir;

    @Test
    void theDriversWarnComesBackAfterTheCommand() throws Exception {
        OrderlyRun r = getWithNothingListening();
        assertThat(r.exit()).as(r.err()).isEqualTo(1);

        for (String name : new String[] {DTLSConnector.class.getName(), "org.orderly.gateway.field.pile.FailureReporter"}) {
            Logger logger = LoggerFactory.getLogger(name);
            assertThat(logger.isWarnEnabled()).as("%s at WARN after the command", name).isTrue();
            assertThat(warned(logger, "after the command")).as(name).contains("WARN " + name + " - after the command");
        }
    }

    @Test
    void whileTheCommandRunsTheDriversAreQuiet() throws Exception {
        try (Bridge b = Bridge.dtlsOnly("p1", PskCredentials.ofUtf8("gateway-p1", "secret-key"))) {
            Captured c = captured(() -> getWithWrongKey(b));
            assertThat(c.run().exit()).as(c.run().err()).isEqualTo(1);
            assertThat(c.run().err()).contains("PSK identity");
            assertThat(c.log()).doesNotContain("FailureReporter").doesNotContain("WARN org.eclipse.californium");
        }
    }

    @Test
    void aLevelGivenForCommandsIsTheirs() throws Exception {
        System.setProperty(DriverLog.LEVEL_PROPERTY, "warn");
        try (Bridge b = Bridge.dtlsOnly("p1", PskCredentials.ofUtf8("gateway-p1", "secret-key"))) {
            Captured c = captured(() -> getWithWrongKey(b));
            assertThat(c.run().exit()).as(c.run().err()).isEqualTo(1);
            assertThat(c.log()).contains("WARN org.orderly.gateway.field.pile.FailureReporter - pile p1: ");
        } finally {
            System.clearProperty(DriverLog.LEVEL_PROPERTY);
        }
    }

    @Test
    void aLevelThatIsNoneIsBadInput() throws Exception {
        System.setProperty(DriverLog.LEVEL_PROPERTY, "loud");
        try {
            OrderlyRun r = getWithNothingListening();
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip())
                    .isEqualTo("orderly pile get: -Dorderly.driverLog must be one of trace, debug, info, warn, error, off; was loud");
        } finally {
            System.clearProperty(DriverLog.LEVEL_PROPERTY);
        }
    }

    /**
     * Two commands at once share one quieting: the first to start sets ERROR, the first to end leaves it, the last to
     * end gives back what each logger had (Californium's WARN from the configuration; none for the failure reports,
     * which inherit the root's).
     */
    @Test
    void overlappingQuietingsGiveTheLevelsBackWhenTheLastEnds() {
        Map<String, Level> was = withLevels(Level.WARN, null);
        try {
            DriverLog.Quieted first = DriverLog.quiet();
            assertThat(levels()).as("after the first starts").containsOnly(entry(CALIFORNIUM, Level.ERROR),
                    entry(FAILURES, Level.ERROR), entry(INFO_CHECK, Level.ERROR), entry(WATCHDOG, Level.ERROR));
            DriverLog.Quieted second = DriverLog.quiet();
            first.close();
            assertThat(levels()).as("after the first ends, the second running").containsOnly(
                    entry(CALIFORNIUM, Level.ERROR), entry(FAILURES, Level.ERROR), entry(INFO_CHECK, Level.ERROR),
                    entry(WATCHDOG, Level.ERROR));
            second.close();
            assertThat(levels()).as("after the last ends").containsOnly(entry(CALIFORNIUM, Level.WARN),
                    entry(FAILURES, null), entry(INFO_CHECK, null), entry(WATCHDOG, null));
        } finally {
            given(was);
        }
    }

    /** A quieting closed twice ends once: the other command's quieting stays, and is given back when it ends. */
    @Test
    void aQuietingClosedTwiceEndsOnce() {
        Map<String, Level> was = withLevels(Level.WARN, null);
        try {
            DriverLog.Quieted first = DriverLog.quiet();
            DriverLog.Quieted second = DriverLog.quiet();
            first.close();
            first.close();
            assertThat(levels()).as("the first closed twice, the second running").containsOnly(
                    entry(CALIFORNIUM, Level.ERROR), entry(FAILURES, Level.ERROR), entry(INFO_CHECK, Level.ERROR),
                    entry(WATCHDOG, Level.ERROR));
            second.close();
            assertThat(levels()).as("after the second ends").containsOnly(entry(CALIFORNIUM, Level.WARN),
                    entry(FAILURES, null), entry(INFO_CHECK, null), entry(WATCHDOG, null));
            second.close();
            try (DriverLog.Quieted third = DriverLog.quiet()) {
                assertThat(levels()).as("a command after them quiets again").containsOnly(
                        entry(CALIFORNIUM, Level.ERROR), entry(FAILURES, Level.ERROR), entry(INFO_CHECK, Level.ERROR),
                        entry(WATCHDOG, Level.ERROR));
            }
            assertThat(levels()).as("after it ends").containsOnly(entry(CALIFORNIUM, Level.WARN), entry(FAILURES, null),
                    entry(INFO_CHECK, null), entry(WATCHDOG, null));
        } finally {
            given(was);
        }
    }

    private static Map.Entry<String, Level> entry(String name, Level level) {
        return new AbstractMap.SimpleEntry<>(name, level);
    }

    /** The levels set on the quieted loggers (null: none, inherited). */
    private static Map<String, Level> levels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<String, Level> levels = new LinkedHashMap<>();
        for (String name : DriverLog.QUIETED) {
            levels.put(name, context.getLogger(name).getLevel());
        }
        return levels;
    }

    /** Sets Californium's and the failure reports' levels; returns those they had, for {@link #given}. */
    private static Map<String, Level> withLevels(Level californium, Level failures) {
        assertThat(DriverLog.QUIETED).containsExactlyInAnyOrder(CALIFORNIUM, FAILURES, INFO_CHECK, WATCHDOG);
        Map<String, Level> was = levels();
        Map<String, Level> now = new LinkedHashMap<>();
        now.put(CALIFORNIUM, californium);
        now.put(FAILURES, failures);
        now.put(INFO_CHECK, null);
        now.put(WATCHDOG, null);
        given(now);
        return was;
    }

    private static void given(Map<String, Level> levels) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private OrderlyRun getWithNothingListening() throws Exception {
        Path key = dir.resolve("p1.psk");
        if (!Files.exists(key)) {
            Files.writeString(key, "some-key");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(LoopbackPorts.free()),
                "--psk-identity", "gateway-p1", "--psk-file", key.toString(), "--id", "p1", "--wait-s", "1");
    }

    private OrderlyRun getWithWrongKey(Bridge b) throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.psk"), "wrong-key");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        return OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.dtlsPort()),
                "--psk-identity", "gateway-p1", "--psk-file", wrong.toString(), "--id", "p1", "--wait-s", "8");
    }

    private interface Command {
        OrderlyRun run() throws Exception;
    }

    private record Captured(OrderlyRun run, String log) {
    }

    /** The command's result, and what was logged to standard error while it ran (written out: {@link LogWritten}). */
    private static Captured captured(Command command) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            OrderlyRun r = command.run();
            LogWritten.await(() -> log.toString(StandardCharsets.UTF_8));
            return new Captured(r, log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    /** What the logger writes to standard error for one WARN. */
    private static String warned(Logger logger, String message) throws InterruptedException {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logger.warn(message);
            LogWritten.await(() -> captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
