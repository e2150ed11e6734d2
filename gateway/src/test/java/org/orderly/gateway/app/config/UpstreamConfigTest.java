package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.link.BrokerLogin;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.link.Transport;

/** The {@code upstream:} section: TLS by default, plaintext only when asked, files that exist, one line per problem. */
class UpstreamConfigTest {
    private static final Path DEVICES = Path.of("src/test/resources/config/devices");
    private static final String BASE = """
            gatewayId: gw-7
            compound:
              transformer: { limitKw: 100, phaseVoltageV: 230 }
              piles:
                - { id: p, phase: A, maxA: 16, driver: { coap: { host: h, plain: true } } }
            meters:
              transformer: { bus: b, unit: 1, map: chint-dtsu666 }
            buses:
              - { name: b, tcp: { host: 127.0.0.1 } }
            tariff:
              periods: [ { from: "00:00", to: "24:00", price: 1 } ]
            """;

    @TempDir
    Path dir;

    @Test
    void noSectionNoLink() throws Exception {
        assertThat(parse("").upstream()).isEmpty();
    }

    @Test
    void aFullSectionIsRead() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "x");
        Files.writeString(dir.resolve("gw.pem"), "x");
        Files.writeString(dir.resolve("gw.key"), "x");
        Files.writeString(dir.resolve("pw"), "secret\n");
        UpstreamSettings u = parse("""
                upstream:
                  broker: ssl://mqtt.grid.example:8883
                  tls: { caFile: ca.pem, clientCert: gw.pem, clientKey: gw.key }
                  username: gw-7
                  passwordFile: pw
                  telemetryPeriodMs: 2000
                  drainPerSecond: 20
                  outbox: { maxAgeHours: 24, maxMessages: 1000 }
                """).upstream().orElseThrow();
        assertThat(u.broker()).isEqualTo(URI.create("ssl://mqtt.grid.example:8883"));
        assertThat(u.clientId()).as("defaults to the gateway id").isEqualTo("gw-7");
        assertThat(u.transport()).isEqualTo(new Transport.Tls(Optional.of(dir.resolve("ca.pem")),
                Optional.of(new Transport.ClientCertificate(dir.resolve("gw.pem"), dir.resolve("gw.key")))));
        assertThat(u.login()).contains(new BrokerLogin("gw-7", dir.resolve("pw")));
        assertThat(u.telemetryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(u.drainPerSecond()).isEqualTo(20);
        assertThat(u.outbox().maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(u.outbox().maxMessages()).isEqualTo(1000);
    }

    @Test
    void tlsIsTheDefaultAndPlaintextMustBeAskedFor() throws Exception {
        UpstreamSettings tls = parse("upstream: { broker: \"ssl://b.example:8883\" }").upstream().orElseThrow();
        assertThat(tls.transport()).isEqualTo(new Transport.Tls(Optional.empty(), Optional.empty()));
        UpstreamSettings plain = parse("upstream: { broker: \"tcp://127.0.0.1:1883\", plaintext: true }").upstream()
                .orElseThrow();
        assertThat(plain.transport()).isInstanceOf(Transport.Plaintext.class);
    }

    @Test
    void theProtocolIsMqtt5UnlessMqtt311IsAskedFor() throws Exception {
        assertThat(parse("upstream: { broker: \"ssl://b.example:8883\" }").upstream().orElseThrow().protocol())
                .isEqualTo(MqttProtocol.MQTT5);
        assertThat(parse("upstream: { broker: \"ssl://b.example:8883\", protocol: mqtt311 }").upstream().orElseThrow()
                .protocol()).isEqualTo(MqttProtocol.MQTT311);
        assertThat(parse("upstream: { broker: \"ssl://b.example:8883\", protocol: mqtt5 }").upstream().orElseThrow()
                .protocol()).isEqualTo(MqttProtocol.MQTT5);
    }

    @Test
    void aPacketLimitIsOnlyWhatTheBrokerAnnouncesUnlessOneIsGiven() throws Exception {
        assertThat(parse("upstream: { broker: \"ssl://b.example:8883\" }").upstream().orElseThrow().maxPacketBytes())
                .isZero();
        assertThat(parse("upstream: { broker: \"ssl://b.example:8883\", protocol: mqtt311, maxPacketBytes: 131072 }")
                .upstream().orElseThrow().maxPacketBytes()).isEqualTo(131072);
    }

    @Test
    void eachMistakeIsOneLineWithItsPlace() {
        assertProblem("upstream: { broker: \"tcp://127.0.0.1:1883\" }",
                "12:21: upstream.broker 'tcp://127.0.0.1:1883' is plaintext; use ssl://, or add plaintext: true");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", plaintext: true }",
                "12:56: plaintext: true contradicts the ssl:// broker");
        assertProblem("upstream: { broker: \"ssl://b.example\" }", "needs a host and a port");
        assertProblem("upstream: { broker: \"http://b.example:80\" }", "must start with ssl://");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", tls: { caFile: nowhere.pem } }",
                "'caFile' in upstream.tls: file " + dir.resolve("nowhere.pem") + ": no such file");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", username: u }",
                "upstream needs username and passwordFile together");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", telemetryPeriodMs: 5s }",
                "'telemetryPeriodMs' in upstream must be a whole number (ms), was '5s'");
        assertProblem("upstream: { brokr: \"ssl://b.example:8883\" }", "unknown key 'brokr' in upstream; did you mean 'broker'?");
        assertProblem("upstream: { broker: \"tcp://127.0.0.1:1883\", plaintext: true, tls: { caFile: x } }",
                "upstream.tls has no effect with plaintext: true");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", protocol: mqtt3 }",
                "12:55: upstream.protocol must be mqtt5 or mqtt311, was 'mqtt3'");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", maxPacketBytes: 100 }",
                "'maxPacketBytes' in upstream must be within 1024..268435455 (bytes), was 100");
    }

    /**
     * A broker address Paho cannot connect to is refused at its line. Until 2026-12-04 check-config said OK to each, and
     * the gateway then logged "Untranslated MqttException ... port out of range:88830" at every try, or stopped at its
     * start with "URI path must be empty"; a mistyped address was said to need "a host and a port".
     */
    @Test
    void aBrokerAddressPahoCannotUseIsRefusedAtItsLine() {
        String hint = "; write e.g. ssl://mqtt.grid.example:8883";
        assertOneProblem("ssl://mqtt.grid.example:88830", "12:21: upstream.broker 'ssl://mqtt.grid.example:88830': "
                + "port 88830 is not within 1..65535" + hint);
        assertOneProblem("ssl://mqtt.grid.example:0", "port 0 is not within 1..65535" + hint);
        assertOneProblem("ssl://192.168.1.300:8883", "12:21: upstream.broker 'ssl://192.168.1.300:8883': its host "
                + "'192.168.1.300' is neither an IPv4 address (four numbers, each 0..255) nor a host name (letters, "
                + "digits, '-' and '.')" + hint);
        assertOneProblem("ssl://mqtt_grid.example:8883", "its host 'mqtt_grid.example' is neither");
        assertOneProblem("ssl://mqtt.grid.example:8883/orderly", "upstream.broker 'ssl://mqtt.grid.example:8883/orderly': "
                + "nothing may follow the port ('/orderly'), the topics are the gateway's own" + hint);
        assertOneProblem("ssl://mqtt.grid.example:8883/", "nothing may follow the port ('/')");
        assertOneProblem("ssl://mqtt.grid.example:8883?x=1", "nothing may follow the port ('?x=1')");
    }

    private void assertOneProblem(String broker, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("upstream: { broker: \"" + broker + "\" }"));
        assertThat(e).as("broker %s accepted", broker).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith("inline.yaml:").contains(expected);
    }

    @Test
    void aPasswordInTheBrokersAddressIsRefusedForItWouldBeLogged() {
        // The address is logged at every connect and every lost connection; Paho does not send its user part either.
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("upstream: { broker: \"ssl://gw-7:s3cret-pw@mqtt.grid.example:8883\" }"));
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith("inline.yaml:12:21: ")
                .contains("upstream.broker names a user or password", "username and passwordFile")
                .doesNotContain("s3cret-pw");
    }

    /**
     * A certificate, key or password file that is not there says what belongs in it and whose it is, as a pile's
     * missing pskKeyFile does: until 2026-12-05 these said only {@code no such file}.
     */
    @Test
    void aMissingCertificateKeyOrPasswordFileSaysWhatToPutThere() throws Exception {
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", tls: { caFile: certs/grid-ca.pem } }",
                "'caFile' in upstream.tls: file " + dir.resolve("certs/grid-ca.pem") + ": no such file; put there the PEM "
                        + "certificate of the CA that signed the grid company's broker certificate (the grid company gives it), "
                        + "or leave caFile out to trust the JDK's own CAs (docs/upstream.md, \"Security\")");
        Files.writeString(dir.resolve("gw.key"), "key");  // the other of each pair is there
        Files.writeString(dir.resolve("gw.pem"), "cert");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", tls: { clientCert: gw-missing.pem, clientKey: gw.key } }",
                "'clientCert' in upstream.tls: file " + dir.resolve("gw-missing.pem") + ": no such file; put there this "
                        + "gateway's PEM certificate, as the grid company issued it for its clientKey");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", tls: { clientCert: gw.pem, clientKey: gw-missing.key } }",
                "'clientKey' in upstream.tls: file " + dir.resolve("gw-missing.key") + ": no such file; put there the PEM "
                        + "private key of the gateway's clientCert, mode 600");
        assertProblem("upstream: { broker: \"ssl://b.example:8883\", username: gw, passwordFile: secrets/mqtt.password }",
                "'passwordFile' in upstream: file " + dir.resolve("secrets/mqtt.password") + ": no such file; put there the "
                        + "broker password of upstream.username as the grid company gave it, mode 600");
    }

    private void assertProblem(String section, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(section));
        assertThat(e).as("a problem with %s", section).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("inline.yaml:").contains(expected));
    }

    private GatewayConfig parse(String section) throws ConfigException {
        return ConfigLoader.parse("inline.yaml", BASE + section, DEVICES, dir);
    }
}
