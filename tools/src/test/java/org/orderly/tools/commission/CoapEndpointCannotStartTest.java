package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;

/**
 * A pile whose CoAP endpoint cannot start (its UDP socket does not bind, as a port taken would) is, in {@code selftest},
 * a failing row of its own saying so, the other devices read as usual: until 2026-12-07 the driver's unchecked failure
 * ended the whole selftest with one line and no table. In {@code pile get} and {@code pile set} it is one line, the
 * driver's whole, exit 1, nothing on standard output; {@code pile set} leaves the bridge without a lease.
 * Each command runs in a JVM of its own under an LD_PRELOAD shim ({@code commission/nobind.c}, compiled here with gcc)
 * that fails every UDP bind; the bridge, in this JVM, is real, on 127.0.0.1.
 */
class CoapEndpointCannotStartTest {
    private static final String CANNOT_START = "its CoAP endpoint cannot start on local address 0.0.0.0:0 (BindException: ";

    @TempDir
    Path dir;

    private Path shim;

    @BeforeEach
    void compileShim() throws Exception {
        Path source = dir.resolve("nobind.c");
        try (var in = getClass().getResourceAsStream("/commission/nobind.c")) {
            Files.copy(in, source);
        }
        shim = dir.resolve("nobind.so");
        Path log = dir.resolve("gcc.txt");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", shim.toString(), source.toString(), "-ldl")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS)).as("gcc ended").isTrue();
        assertThat(gcc.exitValue()).as(Files.readString(log)).isZero();
    }

    @Test
    void selftestFailsThatPileInItsRowAndReadsTheRest() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            int meterPort = LoopbackPorts.free();
            Path config = SelftestYaml.plainPiles(dir, meterPort, b.port());
            Result r = orderly("selftest", "--config", config.toString(), "--wait-s", "5");
            assertThat(r.exit).as(r.err).isEqualTo(1);
            assertThat(r.out).as(r.err)
                    .containsPattern("transformer\\s+meter chint-dtsu666\\s+b unit 1\\s+FAIL\\s+cannot reach the line[^\\n]*"
                            + "tcp://127\\.0\\.0\\.1:" + meterPort + " unit 1")
                    .containsPattern("p1\\s+pile\\s+coap 127\\.0\\.0\\.1:" + b.port() + "\\s+FAIL\\s+pile p1: cannot drive "
                            + "coap://127\\.0\\.0\\.1:" + b.port() + ": " + java.util.regex.Pattern.quote(CANNOT_START))
                    .contains("selftest: 2 of 2 devices FAIL")
                    .contains("store ");
        }
    }

    @Test
    void pileGetSaysItInOneLine() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            Result r = orderly("pile", "get", "--coap", "127.0.0.1", "--coap-port", String.valueOf(b.port()), "--plain",
                    "--id", "p1", "--wait-s", "3");
            assertSaidInOneLine(r, "pile get", b);
        }
    }

    @Test
    void pileSetSaysItInOneLineAndSendsNothing() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            Result r = orderly("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port", String.valueOf(b.port()), "--plain",
                    "--id", "p1", "--wait-s", "3");
            assertSaidInOneLine(r, "pile set", b);
            assertThat(b.pile.status().leaseExpiry()).as("the bridge's lease: none was sent").isEmpty();
        }
    }

    /**
     * Exit 1, nothing on standard output, and standard error the one line naming the command, the pile, its bridge's
     * address and the bind that failed, whole: not the driver's line with more after it (a stack trace's first line, a
     * second finding, a status), nor another failure's line that begins as it does.
     */
    private static void assertSaidInOneLine(Result r, String command, Bridge b) {
        assertThat(r.exit).as(r.err).isEqualTo(1);
        assertThat(r.out).as("standard output; standard error: %s", r.err).isEmpty();
        assertThat(r.err).as("standard error, whole").matches("orderly " + command + ": pile p1: cannot drive "
                + java.util.regex.Pattern.quote("coap://127.0.0.1:" + b.port() + ": " + CANNOT_START)
                + "Address already in use[^\\n]*\\)\\R");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result orderly(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand"));
        command.addAll(List.of(args));
        command.addAll(List.of("--devices", Path.of("../config/devices").toAbsolutePath().toString()));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile())
                .redirectOutput(out.toFile());
        pb.environment().put("LD_PRELOAD", shim.toString());
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("orderly ended").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
