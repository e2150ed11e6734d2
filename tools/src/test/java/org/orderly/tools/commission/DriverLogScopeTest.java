package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.californium.scandium.DTLSConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command that quiets the pile drivers' log ({@code pile get}) quiets it for its own run only: tests run commands in
 * this JVM, and so could {@code orderly run} after them. Scandium's connector, made during the command (nothing loaded
 * it before in this class), warns again once the command has ended, as the configuration says it should.
 */
class DriverLogScopeTest {
    @TempDir
    Path dir;

    @Test
    void theDriversWarnComesBackAfterTheCommand() throws Exception {
        Path key = Files.writeString(dir.resolve("p1.psk"), "some-key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        OrderlyRun r = OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(LoopbackPorts.free()),
                "--psk-identity", "gateway-p1", "--psk-file", key.toString(), "--id", "p1", "--wait-s", "1");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);

        for (String name : new String[] {DTLSConnector.class.getName(), "org.orderly.gateway.field.pile.FailureReporter"}) {
            Logger logger = LoggerFactory.getLogger(name);
            assertThat(logger.isWarnEnabled()).as("%s at WARN after the command", name).isTrue();
            assertThat(warned(logger, "after the command")).as(name).contains("WARN " + name + " - after the command");
        }
    }

    /** What the logger writes to standard error for one WARN. */
    private static String warned(Logger logger, String message) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logger.warn(message);
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
