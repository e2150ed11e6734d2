package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;

/**
 * A bridge's host name that does not resolve (a typo, a name DNS does not know) is one line naming it and where it is
 * set, exit 1: in {@code pile get} not silence advised as "the bridge may speak DTLS only", in {@code pile set} not a
 * stack trace at each sending, and in {@code selftest} a failing row of its own, not the end of the whole selftest with
 * no table. Each command runs in a JVM of its own whose names come from a hosts file holding localhost only
 * ({@code -Djdk.net.hosts.file}), so no name is looked up beyond this machine.
 */
class UnresolvableBridgeHostTest {
    private static final String HOST = "no-such-bridge.invalid";

    @TempDir
    Path dir;

    @Test
    void pileGetOfAPlainBridgeSaysTheNameDoesNotResolve() throws Exception {
        Result r = orderly("pile", "get", "--coap", HOST, "--plain", "--wait-s", "2");
        assertThat(r.exit).as(r.err).isEqualTo(1);
        assertThat(r.err.strip()).as("one line").doesNotContain("\n")
                .startsWith("orderly pile get: the host name " + HOST + " does not resolve").contains("check --coap")
                .doesNotContain("DTLS only");
    }

    @Test
    void pileGetOfADtlsBridgeSaysTheNameDoesNotResolve() throws Exception {
        Path key = Files.writeString(dir.resolve("p1.psk"), "secret-key");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Result r = orderly("pile", "get", "--coap", HOST, "--psk-identity", "p1", "--psk-file", key.toString(), "--wait-s", "2");
        assertThat(r.exit).as(r.err).isEqualTo(1);
        assertThat(r.err.strip()).as("one line").doesNotContain("\n")
                .startsWith("orderly pile get: the host name " + HOST + " does not resolve").contains("check --coap");
    }

    @Test
    void pileSetSaysTheNameDoesNotResolveWithoutAStackTrace() throws Exception {
        Result r = orderly("pile", "set", "10", "--coap", HOST, "--plain", "--wait-s", "2");
        assertThat(r.exit).as(r.err).isEqualTo(1);
        assertThat(r.err.strip()).as("one line").doesNotContain("\n")
                .startsWith("orderly pile set: the host name " + HOST + " does not resolve").contains("check --coap")
                .doesNotContain("Exception").doesNotContain("ERROR");
    }

    @Test
    void selftestFailsThatPileAndReadsTheRest() throws Exception {
        try (Bridge b = new Bridge("p2")) {
            writeKey();
            Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                    gatewayId: g
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { coap: { host: %s, port: 5684, pskIdentity: p1, pskKeyFile: p1.psk } } }
                        - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    meters:
                      transformer: { bus: b, unit: 1, map: chint-dtsu666 }
                    buses:
                      - { name: b, tcp: { host: 127.0.0.1, port: %d }, timing: { timeoutMs: 100, retries: 0 } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    store: { path: orderly.db }
                    """.formatted(HOST, b.port(), LoopbackPorts.free()));
            Result r = orderly("selftest", "--config", config.toString(), "--wait-s", "30");
            assertThat(r.exit).as(r.err).isEqualTo(1);
            assertThat(r.out).as(r.err)
                    .containsPattern("p1\\s+pile\\s+coap " + HOST.replace(".", "\\.") + ":5684\\s+FAIL\\s+the host name "
                            + HOST.replace(".", "\\.") + " does not resolve \\([^\\n]*\\); check the host of pile p1 in the configuration")
                    .containsPattern("p2\\s+pile\\s+coap 127\\.0\\.0\\.1:" + b.port() + "\\s+PASS")
                    .contains("selftest: 2 of 3 devices FAIL")
                    .contains("store ");
        }
    }

    /**
     * The service: a name that does not resolve at start (DNS not up yet after a power cut) is exit 1, which systemd
     * restarts (Restart=on-failure), not exit 2, a rejected configuration it does not (RestartPreventExitStatus=2): the
     * gateway stayed down, every pile on its safe current, until someone restarted it by hand.
     */
    @Test
    void runAtStartExitsOneSoThatSystemdTriesAgain() throws Exception {
        writeKey();
        Path config = SelftestYaml.dtlsPile(dir, HOST, 5684, LoopbackPorts.free());
        Result r = orderly("run", "--config", config.toString());
        assertThat(r.exit).as(r.err).isEqualTo(1);
        assertThat(r.err).contains("orderly run: pile p1: cannot resolve bridge host '" + HOST + "'");
    }

    /** The DTLS pile's key, {@code p1.psk}, readable by its owner only, as the configuration wants it. */
    private void writeKey() throws Exception {
        Files.writeString(dir.resolve("p1.psk"), "secret-key");
        Files.setPosixFilePermissions(dir.resolve("p1.psk"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    private record Result(int exit, String out, String err) {
    }

    private Result orderly(String... args) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand"));
        command.addAll(List.of(args));
        command.addAll(List.of("--devices", Path.of("../config/devices").toAbsolutePath().toString()));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("orderly ended").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
