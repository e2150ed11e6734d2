package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A bridge asked in the transport it does not speak says nothing back: a DTLS bridge drops plain CoAP, a plain one
 * drops a DTLS hello. The advice says so, and which option or key speaks the other, rather than only "check the
 * address" (plain) or "check the PSK" (DTLS) when no key was ever tried.
 */
class WrongTransportAdviceTest {
    @TempDir
    Path dir;

    @Test
    void plainToABridgeThatSpeaksDtlsOnlySaysItMayAndHowToAskIt() throws Exception {
        try (Bridge b = Bridge.dtlsOnly("p1", PskCredentials.ofUtf8("gateway-p1", "secret-key"))) {
            OrderlyRun r = OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.dtlsPort()), "--plain",
                    "--id", "p1", "--wait-s", "4");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("p1: no status within 4 s: ")
                    .contains("no answer to plain CoAP").contains("may speak DTLS only")
                    .contains("--psk-identity and --psk-file instead of --plain").contains("5684");

            Path config = SelftestYaml.plainPiles(dir, org.orderly.testkit.LoopbackPorts.free(), b.dtlsPort());
            OrderlyRun s = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", "../config/devices", "--wait-s", "4");
            assertThat(s.exit()).isEqualTo(1);
            assertThat(s.out()).containsPattern("p1\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+no status within 4 s: no answer to plain "
                    + "CoAP.*may speak DTLS only.*pskIdentity and pskKeyFile instead of plain: true.*5684");
        }
    }

    @Test
    void dtlsToABridgeThatSpeaksPlainOnlySaysNothingAnsweredTheHandshake() throws Exception {
        try (Bridge b = new Bridge("p2")) {
            Path key = Files.writeString(dir.resolve("p2.psk"), "secret-key");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            OrderlyRun r = OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(b.port()),
                    "--psk-identity", "gateway-p2", "--psk-file", key.toString(), "--id", "p2", "--wait-s", "8");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("p2: no status within 8 s: ")
                    .contains("nothing answered the DTLS handshake").contains("may speak plain CoAP only").contains("--plain")
                    .contains("5683").doesNotContain("PSK identity");
        }
    }
}
