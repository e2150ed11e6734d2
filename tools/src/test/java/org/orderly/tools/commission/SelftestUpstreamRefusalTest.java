package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.testing.OrderlyRun;
import org.orderly.tools.testing.TestCertificates;

/**
 * selftest's broker row against a real Mosquitto 2 on 127.0.0.1 that refuses the gateway: a wrong password under MQTT
 * 3.1.1 (the CONNACK's 3.1.1 code, not v5's reason code) and a client certificate the broker does not trust (signed by
 * a CA it was not given; under both MQTT versions). Each is one line naming the broker and saying what to check, as the
 * running gateway's line does (UpstreamRefusalLineTest).
 */
@Timeout(120)
class SelftestUpstreamRefusalTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private List<String> upstreamLines(String upstream) throws Exception {
        Path config = SelftestYaml.answeringNowhere(dir, upstream);
        OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(),
                "--wait-s", "2");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("wrong-pw-2026").doesNotContain("right-pw-2026");
        return r.out().lines().filter(l -> l.startsWith("upstream")).toList();
    }

    @Test
    void aWrongPasswordUnderMqtt311FailsSayingWrongCredentials() throws Exception {
        Path brokerPasswords = Mosquitto.passwordFile(dir.resolve("broker-passwords"), "rig", "right-pw-2026");
        Files.writeString(dir.resolve("broker.pw"), "wrong-pw-2026\n");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("password_file " + brokerPasswords))) {
            List<String> lines = upstreamLines("upstream: { broker: \"" + broker.url() + "\", plaintext: true,"
                    + " protocol: mqtt311, username: rig, passwordFile: broker.pw }\n");
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("upstream " + broker.url() + ": FAIL: refused: wrong credentials: check "
                    + "upstream.username (rig) and the password in upstream.passwordFile against the broker's account");
        }
    }

    /** Under both MQTT versions: until 2026-12-07 only v5's was tested. */
    @ParameterizedTest
    @ValueSource(strings = {"mqtt5", "mqtt311"})
    void aClientCertificateTheBrokerDoesNotTrustFailsSayingSo(String protocol) throws Exception {
        TestCertificates certs = TestCertificates.make(Files.createDirectories(dir.resolve("certs")));
        Path[] client = certs.client("rig", true);
        List<String> listener = new ArrayList<>(certs.mosquittoListener());
        listener.add("require_certificate true");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), listener)) {
            List<String> lines = upstreamLines("upstream: { broker: \"" + broker.sslUrl() + "\", tls: { caFile: "
                    + certs.ca() + ", clientCert: " + client[0] + ", clientKey: " + client[1] + " }, protocol: " + protocol
                    + " }\n");
            assertThat(lines).hasSize(1);
            // Which the client hears depends on timing: mosquitto's unknown_ca alert, or the close before it came.
            assertThat(lines.get(0)).satisfiesAnyOf(
                    line -> assertThat(line).startsWith("upstream " + broker.sslUrl() + ": FAIL: TLS: the broker closed the "
                            + "connection as soon as TLS was set up, before answering the CONNECT, as a broker does (TLS 1.3) "
                            + "that does not trust this gateway's client certificate (upstream.tls.clientCert)"),
                    line -> assertThat(line).startsWith("upstream " + broker.sslUrl() + ": FAIL: TLS: the broker refused "
                            + "this gateway's client certificate (upstream.tls.clientCert; its alert: "));
        }
    }
}
