package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.TlsContexts;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.tools.OrderlyCommand;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.aggregate.LineFile.Durability;
import org.orderly.tools.testing.TestCertificates;
import picocli.CommandLine;

/** TLS to a real Mosquitto: the broker's certificate and name are verified, and anything less is refused. */
class TlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static Mosquitto broker;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.make(dir);
        broker = Mosquitto.start(dir, certs.mosquittoListener());
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static String url(String host) {
        return "ssl://" + host + ":" + broker.port();
    }

    @Test
    void withTheBrokersCaTheMessagesArrive() throws Exception {
        Aggregator aggregator = new Aggregator("tls", Duration.ofMinutes(1), Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                new LineFile(dir.resolve("tls.csv"), ExportFormat.CSV.header(), Durability.EACH_LINE), ExportFormat.CSV,
                null, Clock.systemUTC());
        try (AggregateClient client = AggregateClient.start(new BrokerSettings(url("127.0.0.1"), false,
                Optional.of(certs.ca()), Optional.empty(), Optional.empty(), "tls", "tls", 0,
                BrokerSettings.ALL_KINDS), aggregator)) {
            MqttClient publisher = new MqttClient(url("127.0.0.1"), "tls-publisher", new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSocketFactory(TlsContexts.socketFactory(Transport.Tls.withCa(certs.ca())));
            publisher.connect(o);
            for (long seq = 0; aggregator.counters().accepted() == 0 && seq < 100; seq++) {
                publisher.publish(TelemetryJson.topic("gw-tls"), TelemetryJson.of("gw-tls", seq, Instant.now(), 1)
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                Thread.sleep(100);
            }
            publisher.disconnect();
            publisher.close();
            assertThat(client.isConnected()).isTrue();
        } finally {
            aggregator.close();
        }
        assertThat(aggregator.counters().accepted()).isPositive();
    }

    private static String refused(String... extra) {
        StringWriter err = new StringWriter();
        CommandLine cli = OrderlyCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        String[] args = new String[extra.length + 5];
        args[0] = "aggregate";
        args[1] = "--out";
        args[2] = dir.resolve("refused-" + System.nanoTime() + ".csv").toString();
        args[3] = "--client-id";
        args[4] = "refused";
        System.arraycopy(extra, 0, args, 5, extra.length);
        assertThat(cli.execute(args)).isEqualTo(1);
        return err.toString().strip();
    }

    @Test
    void aBrokerTheJvmDoesNotTrustIsRefused() {
        assertThat(refused("--broker", url("127.0.0.1")))
                .startsWith("aggregate: connecting to " + url("127.0.0.1") + " as refused failed")
                .contains("PKIX path building failed");
    }

    @Test
    void anotherCaIsNotEnough() {
        assertThat(refused("--broker", url("127.0.0.1"), "--ca", certs.otherCa().toString()))
                .contains("PKIX path building failed");
    }

    @Test
    void aNameTheCertificateDoesNotCarryIsRefused() {
        assertThat(refused("--broker", url("localhost"), "--ca", certs.ca().toString()))
                .contains("No name matching localhost found");
    }
}
