package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.PskCredentials;

/**
 * {@code orderly pile get} with a key that is not the bridge's: the installer reads our advice and the driver's detail
 * under it, not also the pile driver's WARN log line quoting the DTLS stack's exception (the same words, stamped and
 * named by logger). Run as {@code main} runs it, in a JVM of its own: the log goes to that JVM's standard error, as
 * the installer sees it (the levels given back after a command are {@code DriverLogScopeTest}'s). The service,
 * {@code orderly run}, keeps that line in its log.
 */
class WrongPskQuietTest {
    @TempDir
    Path dir;

    @Test
    void aWrongKeyIsOurAdviceAndTheDriversDetailOnly() throws Exception {
        try (Bridge b = Bridge.dtlsOnly("p1", PskCredentials.ofUtf8("gateway-p1", "secret-key"))) {
            Path wrong = Files.writeString(dir.resolve("p1.psk"), "wrong-key");
            Files.setPosixFilePermissions(wrong, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Result r = orderly("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.dtlsPort()),
                    "--psk-identity", "gateway-p1", "--psk-file", wrong.toString(), "--id", "p1", "--wait-s", "8");
            assertThat(r.exit).as(r.err).isEqualTo(1);
            List<String> lines = r.err.lines().toList();
            assertThat(lines.get(0)).as(r.err).startsWith("p1: no status within 8 s: ").contains("PSK identity");
            assertThat(lines.subList(1, lines.size())).as(r.err).allMatch(l -> l.startsWith("  "));
            assertThat(r.err).doesNotContain("WARN").doesNotContain("FailureReporter");
        }
    }

    @Test
    void theServiceKeepsTheDriversWarnLine() throws Exception {
        try (Bridge b = Bridge.dtlsOnly("p1", PskCredentials.ofUtf8("gateway-p1", "secret-key"))) {
            Path wrong = Files.writeString(dir.resolve("p1.psk"), "wrong-key");
            Files.setPosixFilePermissions(wrong, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path config = SelftestYaml.dtlsPile(dir, b.dtlsPort(), org.orderly.testkit.LoopbackPorts.free());
            Path log = dir.resolve("run.log");
            Process run = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand",
                    "run", "--config", config.toString(), "--devices", Path.of("../config/devices").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!Files.readString(log).contains("WARN org.orderly.gateway.field.pile.FailureReporter - pile p1: ")) {
                    assertThat(System.nanoTime()).as("the service logs the failing pile within 30 s: %s", Files.readString(log))
                            .isLessThan(deadline);
                    assertThat(run.isAlive()).as(Files.readString(log)).isTrue();
                    Thread.sleep(100);
                }
            } finally {
                run.destroy();
                run.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Result(int exit, String err) {
    }

    private Result orderly(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(java(), "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand"));
        command.addAll(List.of(args));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("orderly ended").isTrue();
        return new Result(p.exitValue(), Files.readString(err));
    }
}
