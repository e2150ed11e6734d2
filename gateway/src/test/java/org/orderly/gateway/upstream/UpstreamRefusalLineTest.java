package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.upstream.link.BrokerLogin;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The running gateway's one line when a real Mosquitto 2 on 127.0.0.1 refuses it: a wrong password under MQTT 3.1.1
 * (a CONNACK refusal code of 3.1.1, not v5's reason code), and a client certificate the broker does not trust (mutual
 * TLS, the certificate signed by a CA the broker was not given; under both MQTT versions). Each line names the broker
 * and says why, in words that say what to check, as selftest's broker row does (SelftestUpstreamRefusalTest).
 */
@Timeout(90)
class UpstreamRefusalLineTest {
    @TempDir
    Path dir;

    @Test
    void aWrongPasswordUnderMqtt311IsOneLineSayingWrongCredentials() throws Exception {
        Path brokerPasswords = Mosquitto.passwordFile(dir.resolve("broker-passwords"), "gw-311", "right-pw-2026");
        Path passwordFile = Files.writeString(dir.resolve("broker.pw"), "wrong-pw-2026\n");
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("password_file " + brokerPasswords));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-311",
                     UpstreamRig.plaintext(broker.url(), "gw-311").withLogin(new BrokerLogin("gw-311", passwordFile))
                             .withProtocol(MqttProtocol.MQTT311), UpstreamRig.QUICK_RETRIES)) {
            String named = "upstream: cannot connect to " + broker.url() + ": ";
            Await.until("the refused connect's line", Duration.ofSeconds(60), () -> !log.lines(named).isEmpty());
            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(log.lines(named)).as("one line, not one per attempt").hasSize(1);
            assertThat(log.lines(named).get(0)).contains("; refused: wrong credentials: check upstream.username "
                    + "(gw-311) and the password in upstream.passwordFile");
            assertThat(log.text()).doesNotContain("wrong-pw-2026").doesNotContain("right-pw-2026");
        }
    }

    /** Under both MQTT versions: until 2026-12-07 only v5's was tested (the 3.1.1 client's words differ). */
    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void aClientCertificateTheBrokerDoesNotTrustIsOneLineSayingSo(MqttProtocol protocol) throws Exception {
        TestCa ca = new TestCa(dir.resolve("pki"), "grid-ca");
        TestCa other = new TestCa(dir.resolve("pki"), "other-ca");
        Path[] server = ca.issue(dir.resolve("pki"), "broker", TestCa.ip("127.0.0.1"));
        Path[] client = other.issue(dir.resolve("pki"), "gw-cert");
        Transport.Tls mutual = new Transport.Tls(Optional.of(ca.certFile),
                Optional.of(new Transport.ClientCertificate(client[0], client[1])));
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of("certfile " + server[0],
                     "keyfile " + server[1], "cafile " + ca.certFile, "require_certificate true"));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-cert",
                     UpstreamSettings.of(URI.create(broker.sslUrl()), "gw-cert", mutual).withProtocol(protocol),
                     UpstreamRig.QUICK_RETRIES)) {
            String named = "upstream: cannot connect to " + broker.sslUrl() + ": ";
            Await.until("the refused connect's line", Duration.ofSeconds(60), () -> !log.lines(named).isEmpty());
            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(log.lines(named)).as("one line, not one per attempt").hasSize(1);
            // Which the client hears depends on timing: mosquitto's unknown_ca alert, or the close before it came.
            assertThat(log.lines(named).get(0)).containsAnyOf("; TLS: the broker closed the connection as soon as TLS "
                    + "was set up, before answering the CONNECT, as a broker does (TLS 1.3) that does not trust this "
                    + "gateway's client certificate (upstream.tls.clientCert)",
                    "; TLS: the broker refused this gateway's client certificate (upstream.tls.clientCert; its alert: ");
        }
    }
}
