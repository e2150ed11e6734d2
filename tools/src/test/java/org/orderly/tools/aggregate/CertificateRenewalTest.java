package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.TlsContexts;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.testing.LogWritten;
import org.orderly.tools.testing.TestCertificates;

/**
 * A client certificate renewed while the instance runs, as a timer replaces the files of a short-lived one: the next
 * reconnect presents the new pair, without a restart. Mosquitto requires client certificates; the test's throw-away
 * CAs sign certificate 1 (the broker's CA) and certificate 2 (the other CA), and the broker is restarted trusting only
 * the other CA, so certificate 1 is refused from then on. A bad replacement keeps the old pair, with one WARN.
 */
class CertificateRenewalTest {
    private static final String GATEWAY = "gw-renewal";
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** Long enough for two reconnect attempts (1 s, then 2 s later) to find the broker away. */
    private static final long AWAY_MS = 3_500;

    @TempDir
    Path dir;

    @Test
    void aRenewedCertificateIsPresentedAtTheNextReconnectAndNothingIsLost() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path[] live = live(certs.client("agg-renew-1", false));
        Path[] renewed = certs.client("agg-renew-2", true); // by the other CA
        Instant now = Instant.now();
        try (Mosquitto broker = broker(certs); AggregateInstance agg = instance(broker, certs, live, "renew-agg")) {
            publish(broker, certs, certs.client("gw-renew-1", false), 1, 5, now);
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> agg.journalledSeqs().contains(5L));

            replace(renewed, live);
            broker.restartWith(requiring(certs, certs.otherCa())); // certificate 1 is refused from now on
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> subscribed(broker, "renew-agg") >= 2);

            publish(broker, certs, certs.client("gw-renew-2", true), 6, 10, now);
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> agg.journalledSeqs().contains(10L));
            assertThat(agg.journalledSeqs()).as("journalled numbers")
                    .isEqualTo(LongStream.rangeClosed(1, 10).boxed().toList());
            assertThat(agg.counters().openGaps()).as("missing numbers").isZero();
        }
    }

    @Test
    void aBadReplacementKeepsTheOldPairWithOneWarn() throws Exception {
        TestCertificates certs = TestCertificates.make(dir);
        Path[] live = live(certs.client("agg-bad-1", false));
        Path[] next = certs.client("agg-bad-2", false);
        Path[] gw = certs.client("gw-bad", false);
        Instant now = Instant.now();
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Mosquitto broker = broker(certs); AggregateInstance agg = instance(broker, certs, live, "renew-bad")) {
            publish(broker, certs, gw, 1, 5, now);
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> agg.journalledSeqs().contains(5L));
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));

            // Half written: the timer was stopped in the middle of the certificate.
            String pem = Files.readString(next[0], StandardCharsets.US_ASCII);
            Files.writeString(live[0], pem.substring(0, pem.length() / 2), StandardCharsets.US_ASCII);
            awayAndBack(broker);
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> subscribed(broker, "renew-bad") >= 2);
            publish(broker, certs, gw, 6, 10, now);
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> agg.journalledSeqs().contains(10L));

            // The new certificate, but the old key: they are not a pair.
            Files.copy(next[0], live[0], StandardCopyOption.REPLACE_EXISTING);
            awayAndBack(broker);
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> subscribed(broker, "renew-bad") >= 3);
            publish(broker, certs, gw, 11, 15, now);
            SharedSubscriptionTest.awaitTrue(WITHIN, () -> agg.journalledSeqs().contains(15L));

            LogWritten.await(() -> log.toString(StandardCharsets.UTF_8));
            assertThat(agg.journalledSeqs()).as("journalled numbers")
                    .isEqualTo(LongStream.rangeClosed(1, 15).boxed().toList());
        } finally {
            System.setErr(err);
        }
        String files = "--ca " + certs.ca() + ", --cert " + live[0] + ", --key " + live[1];
        List<String> warned = log.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" WARN ") && l.contains(files + " cannot be used now ("))
                .toList();
        assertThat(warned).as("one WARN per fault, though each stayed for more than one attempt").hasSize(2);
        assertThat(warned.get(1)).contains(live[1] + " is not the private key of the first certificate in " + live[0])
                .endsWith("; connecting with those read before until they can");
    }

    /** The files the instance is given, holding {@code pair} at first. */
    private Path[] live(Path[] pair) throws Exception {
        Path[] live = {dir.resolve("live.pem"), dir.resolve("live.key")};
        replace(pair, live);
        return live;
    }

    /** As a renewal timer does: the certificate and then the key replaced. */
    private static void replace(Path[] pair, Path[] live) throws Exception {
        Files.copy(pair[0], live[0], StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pair[1], live[1], StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> requiring(TestCertificates certs, Path clientCa) {
        List<String> listener = new ArrayList<>(List.of("cafile " + clientCa, "certfile " + certs.serverCert(),
                "keyfile " + certs.serverKey()));
        listener.add("require_certificate true");
        return listener;
    }

    /** At first the broker takes the client certificates its own CA signed. */
    private Mosquitto broker(TestCertificates certs) throws Exception {
        return Mosquitto.start(dir.resolve("broker"), requiring(certs, certs.ca()));
    }

    /** The instance given the {@code live} files, in a group of its own. */
    private AggregateInstance instance(Mosquitto broker, TestCertificates certs, Path[] live, String clientId)
            throws Exception {
        return new AggregateInstance(new BrokerSettings(broker.sslUrl(), false, Optional.of(certs.ca()),
                Optional.of(new Transport.ClientCertificate(live[0], live[1])), Optional.empty(), Optional.empty(),
                clientId, clientId, 600, BrokerSettings.ALL_KINDS), dir.resolve("agg"));
    }

    /** The broker away for two of the instance's reconnect attempts, then back as it was. */
    private static void awayAndBack(Mosquitto broker) throws Exception {
        broker.stop();
        Thread.sleep(AWAY_MS);
        broker.start();
    }

    /** The connections on which the instance subscribed to the shared topics: the first and each reconnect's. */
    private static long subscribed(Mosquitto broker, String clientId) {
        return broker.log().lines().filter(l -> l.contains("Sending SUBACK to " + clientId)).count() / 2;
    }

    private static void publish(Mosquitto broker, TestCertificates certs, Path[] cert, long from, long to, Instant ts)
            throws Exception {
        MqttClient gw = new MqttClient(broker.sslUrl(), GATEWAY, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setSocketFactory(TlsContexts.socketFactory(new Transport.Tls(Optional.of(certs.ca()),
                Optional.of(new Transport.ClientCertificate(cert[0], cert[1])))));
        gw.connect(o);
        try {
            TelemetryJson.publish(gw, GATEWAY, from, to, ts);
        } finally {
            gw.disconnect();
            gw.close();
        }
    }
}
