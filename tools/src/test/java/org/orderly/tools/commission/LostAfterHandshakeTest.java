package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.coap.PskCredentials;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A DTLS bridge behind a relay on loopback that passes the handshake and loses every request after it (each
 * application-data record from the client): the bridge runs there and took the key, so the advice after no status
 * must not send the installer to its address, port or service, but to what lies between.
 */
class LostAfterHandshakeTest {
    @TempDir
    Path dir;

    @Test
    void pileGetAndSelftestSayTheHandshakeCompletedAndTheRequestsWereLost() throws Exception {
        try (Bridge b = Bridge.dtlsOnly("p1", PskCredentials.ofUtf8("gateway-p1", "secret-key"));
             LossyProxy relay = new LossyProxy(b.dtlsPort(), LossyProxy.dtlsRecordLongerThan(0))) {
            Path key = Files.writeString(dir.resolve("p1.psk"), "secret-key");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            OrderlyRun r = OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", Integer.toString(relay.port()),
                    "--psk-identity", "gateway-p1", "--psk-file", key.toString(), "--id", "p1", "--wait-s", "4");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(relay.dropped()).as("the relay lost the requests").isPositive();
            assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("p1: no status within 4 s: ")
                    .contains("the bridge took this PSK identity and key (the DTLS handshake completed) but answered no request")
                    .doesNotContain("firmware-bridge runs").doesNotContain("check the bridge's address");

            Path config = SelftestYaml.dtlsPile(dir, relay.port(), LoopbackPorts.free());
            OrderlyRun s = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", "../config/devices", "--wait-s", "4");
            assertThat(s.exit()).isEqualTo(1);
            assertThat(s.out()).containsPattern("p1\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+no status within 4 s: the bridge took "
                    + "this PSK identity and key \\(the DTLS handshake completed\\) but answered no request");
        }
    }
}
