package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.testkit.BadTextFile;
import org.orderly.testkit.Mosquitto;

/**
 * TLS against a real Mosquitto with certificates from a CA made at test time: the gateway connects when the broker's
 * certificate is signed by the CA it trusts and names the host; it refuses a certificate from another CA or for
 * another host; with mutual TLS it presents its own certificate and PEM key.
 */
class UpstreamTlsTest {
    private static final long REFUSED_ATTEMPTS = 3;
    private static final LinkTimings RETRIES = LinkTimings.DEFAULT.withReconnect(Duration.ofMillis(250),
            Duration.ofSeconds(4));

    @TempDir
    Path dir;

    private TestCa ca;
    private TestCa other;

    @BeforeEach
    void cas() throws Exception {
        ca = new TestCa(dir.resolve("pki"), "grid-ca");
        other = new TestCa(dir.resolve("pki"), "other-ca");
    }

    @Test
    @Timeout(60)
    void connectsToABrokerWhoseCertificateTheCaSigned() throws Exception {
        Path[] server = ca.issue(dir.resolve("pki"), "broker", TestCa.ip("127.0.0.1"), TestCa.dns("localhost"));
        try (Mosquitto broker = tlsBroker(dir.resolve("broker"), server[0], server[1], null);
             UpstreamRig rig = start(dir.resolve("orderly.db"), tls(broker, Transport.Tls.withCa(ca.certFile)))) {
            awaitPublished(rig, broker);
            assertThat(rig.upstream.link().connected()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void refusesABrokerCertificateSignedByAnotherCa() throws Exception {
        Path[] server = other.issue(dir.resolve("pki"), "broker", TestCa.ip("127.0.0.1"), TestCa.dns("localhost"));
        try (Mosquitto broker = tlsBroker(dir.resolve("broker"), server[0], server[1], null);
             UpstreamRig rig = start(dir.resolve("orderly.db"), tls(broker, Transport.Tls.withCa(ca.certFile)))) {
            awaitRefused(rig);
            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(rig.upstream.link().published()).isZero();
            assertThat(rig.upstream.link().lastFailure()).as("why it did not connect").containsIgnoringCase("certif");
        }
    }

    @Test
    @Timeout(60)
    void refusesACertificateForAnotherHost() throws Exception {
        Path[] server = ca.issue(dir.resolve("pki"), "elsewhere", TestCa.dns("mqtt.elsewhere.example"));
        try (Mosquitto broker = tlsBroker(dir.resolve("broker"), server[0], server[1], null);
             UpstreamRig rig = start(dir.resolve("orderly.db"), tls(broker, Transport.Tls.withCa(ca.certFile)))) {
            awaitRefused(rig);
            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(rig.upstream.link().lastFailure()).containsIgnoringCase("subject alternative name");
        }
    }

    @Test
    @Timeout(60)
    void presentsItsClientCertificateWhereTheBrokerRequiresOne() throws Exception {
        Path[] server = ca.issue(dir.resolve("pki"), "broker", TestCa.ip("127.0.0.1"));
        Path[] client = ca.issue(dir.resolve("pki"), "gw-tls");
        try (Mosquitto broker = tlsBroker(dir.resolve("broker"), server[0], server[1], ca.certFile)) {
            try (UpstreamRig without = start(dir.resolve("a.db"), tls(broker, Transport.Tls.withCa(ca.certFile)))) {
                awaitRefused(without);
                assertThat(without.upstream.link().connects()).as("no client certificate, no connection").isZero();
            }
            Transport.Tls mutual = new Transport.Tls(Optional.of(ca.certFile),
                    Optional.of(new Transport.ClientCertificate(client[0], client[1])));
            try (UpstreamRig with = start(dir.resolve("b.db"), tls(broker, mutual))) {
                awaitPublished(with, broker);
            }
        }
    }

    /**
     * The CA file, client certificate and key are read at every connect: one that is not PEM text (Latin-1, binary, a
     * directory, a link that loops) is the link's one line naming it and what is wrong. Until 2026-12-05 a Latin-1 key
     * said "java.nio.charset.MalformedInputException: Input length = 1", a directory "java.io.IOException: Is a
     * directory", neither naming the file.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badFiles")
    @Timeout(60)
    void aTlsFileThatIsNotTextIsOneLineNamingIt(String which, BadTextFile bad) throws Exception {
        Path[] server = ca.issue(dir.resolve("pki"), "broker", TestCa.ip("127.0.0.1"));
        Path[] client = ca.issue(dir.resolve("pki"), "gw-tls");
        Path caFile = Files.copy(ca.certFile, dir.resolve("ca.pem"));
        Path certFile = Files.copy(client[0], dir.resolve("gw.crt"));
        Path keyFile = Files.copy(client[1], dir.resolve("gw.key"));
        Path badFile = bad.replace(switch (which) {
            case "caFile" -> caFile;
            case "certFile" -> certFile;
            default -> keyFile;
        });
        Transport.Tls mutual = new Transport.Tls(Optional.of(caFile),
                Optional.of(new Transport.ClientCertificate(certFile, keyFile)));
        try (Mosquitto broker = tlsBroker(dir.resolve("broker"), server[0], server[1], ca.certFile);
             UpstreamRig rig = start(dir.resolve("a.db"), tls(broker, mutual))) {
            awaitRefused(rig);
            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(rig.upstream.link().lastFailure()).startsWith(badFile + ":").contains(bad.said)
                    .doesNotContain("Exception").doesNotContain("\n");
        }
    }

    static Stream<Arguments> badFiles() {
        return Stream.of("caFile", "certFile", "keyFile").flatMap(which -> Stream.of(BadTextFile.values())
                .map(bad -> Arguments.of(which, bad)));
    }

    /** The 3.1.1 client gets the same socket factory: mutual TLS works and a certificate for another host is refused. */
    @Test
    @Timeout(60)
    void mqtt311UsesTheSameTls() throws Exception {
        Path[] server = ca.issue(dir.resolve("pki"), "broker", TestCa.ip("127.0.0.1"));
        Path[] client = ca.issue(dir.resolve("pki"), "gw-tls");
        Transport.Tls mutual = new Transport.Tls(Optional.of(ca.certFile),
                Optional.of(new Transport.ClientCertificate(client[0], client[1])));
        try (Mosquitto broker = tlsBroker(dir.resolve("broker"), server[0], server[1], ca.certFile);
             UpstreamRig rig = start(dir.resolve("a.db"), tls(broker, mutual).withProtocol(MqttProtocol.MQTT311))) {
            awaitPublished(rig, broker);
            assertThat(broker.log()).as("a 3.1.1 client (p2)").contains("as gw-tls (p2,");
        }
        Path[] elsewhere = ca.issue(dir.resolve("pki"), "elsewhere", TestCa.dns("mqtt.elsewhere.example"));
        try (Mosquitto broker = tlsBroker(dir.resolve("broker2"), elsewhere[0], elsewhere[1], null);
             UpstreamRig rig = start(dir.resolve("b.db"),
                     tls(broker, Transport.Tls.withCa(ca.certFile)).withProtocol(MqttProtocol.MQTT311))) {
            awaitRefused(rig);
            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(rig.upstream.link().lastFailure()).containsIgnoringCase("subject alternative name");
        }
    }

    /**
     * A rig whose link tries again after 250 ms, doubling (not the gateway's 1 s): a refusal is the same at every
     * attempt, and the three awaited come within a second.
     */
    private static UpstreamRig start(Path db, UpstreamSettings settings) {
        return UpstreamRig.start(db, "gw-tls", settings, RETRIES);
    }

    /** A broker presenting {@code certFile}; with {@code clientCa} it requires a client certificate that CA signed. */
    private static Mosquitto tlsBroker(Path dir, Path certFile, Path keyFile, Path clientCa) throws IOException {
        List<String> listener = new ArrayList<>(List.of("certfile " + certFile, "keyfile " + keyFile));
        if (clientCa != null) {
            listener.addAll(List.of("cafile " + clientCa, "require_certificate true"));
        }
        return Mosquitto.startPersistent(dir, listener);
    }

    private static UpstreamSettings tls(Mosquitto broker, Transport.Tls tls) {
        return UpstreamSettings.of(URI.create(broker.sslUrl()), "gw-tls", tls);
    }

    /**
     * Waits until the link has tried {@value #REFUSED_ATTEMPTS} times and failed each time: its attempts at 0, 0.25 and
     * 0.75 s of its back-off (the gateway's: 0, 1 and 3 s), which a fixed 6 s wait used to cover.
     */
    private static void awaitRefused(UpstreamRig rig) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (rig.upstream.link().failedConnects() < REFUSED_ATTEMPTS && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertThat(rig.upstream.link().failedConnects()).as("failed attempts; last failure %s",
                rig.upstream.link().lastFailure()).isGreaterThanOrEqualTo(REFUSED_ATTEMPTS);
    }

    private static void awaitPublished(UpstreamRig rig, Mosquitto broker) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (rig.upstream.link().published() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(rig.upstream.link().published()).as("messages acknowledged over TLS; last failure %s; broker log:%n%s",
                rig.upstream.link().lastFailure(), broker.log()).isPositive();
    }
}
