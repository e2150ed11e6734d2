package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.aggregate.LineFile.Durability;

/**
 * The gateways' retained {@code state} and the instance. It comes by the instance's plain subscription to
 * {@code orderly/v1/+/state}, which MQTT 5 gives retained messages on, not by the shared ones, which a broker following
 * MQTT 5 gives none (Mosquitto since 2.0.13, EMQX, HiveMQ): Mosquitto 2.0.11, which runs here, gives it on the shared
 * subscription too, and that copy is left aside ({@link Subscriptions}), so what these tests see is what holds on
 * either kind of broker. An instance that starts while a gateway has been connected for a while is given the
 * gateway's retained {@code online}, numbered long before what the gateway sends now: an old copy, not the
 * gateway's baseline (everything between it and the live numbers would count as lost).
 */
class RetainedStateTest {
    private static final String GATEWAY = "gw-ret";

    @TempDir
    Path dir;

    @Test
    void aRetainedStateOpensNoGapBeforeTheLiveNumbers() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            try {
                connectedMinutesAgo(gw, now, true);
                try (AggregateInstance agg = new AggregateInstance(broker.url(), "late-starter", "ret", dir)) {
                    for (long seq = 161; seq <= 170; seq++) {
                        GatewayPublisher.publish(gw, TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, now, 1), false);
                    }
                    SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(170L));
                    Aggregator.Counters c = agg.counters();
                    assertThat(c.gapsSeen()).as("seqs counted as skipped").isZero();
                    assertThat(c.openGaps()).as("seqs counted as missing").isZero();
                    assertThat(c.duplicates()).as("the retained online 10, once: Mosquitto 2.0.11's copy on the shared"
                            + " subscription is left aside, the plain subscription's counted").isEqualTo(1);
                    assertThat(agg.journalledSeqs()).as("journalled numbers").containsExactly(161L, 162L, 163L, 164L,
                            165L, 166L, 167L, 168L, 169L, 170L);
                }
            } finally {
                gw.disconnect();
                gw.close();
            }
        }
    }

    /**
     * A broker that holds no retained state for the gateway (its {@code online} published before the instance
     * started, not retained): what the instance knows does not hang on a retained copy. The live numbers are the
     * baseline, nothing is missing, and the will the unheard {@code online} named, arriving at the gateway's stop
     * below all heard, opens no gap.
     */
    @Test
    void withoutARetainedStateTheLiveNumbersAreTheBaseline() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            try {
                connectedMinutesAgo(gw, now, false);
                try (AggregateInstance agg = new AggregateInstance(broker.url(), "no-retained", "ret", dir)) {
                    publishTelemetry(gw, 161, 170, now);
                    GatewayPublisher.publish(gw, GatewayJson.topic(GATEWAY, "state"), GatewayJson.state(GATEWAY, 11, now, "offline",
                            true), true);
                    SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(11L));
                    Aggregator.Counters c = agg.counters();
                    assertThat(agg.journalledSeqs()).as("journalled numbers").containsExactly(161L, 162L, 163L, 164L,
                            165L, 166L, 167L, 168L, 169L, 170L, 11L);
                    assertThat(c.openGaps()).as("seqs counted as missing").isZero();
                    assertThat(c.duplicates()).as("duplicates").isZero();
                }
            } finally {
                gw.disconnect();
                gw.close();
            }
        }
    }

    /**
     * The instance's session ended (its connection dropped, session expiry 0) while the gateway moved on: reconnected
     * and subscribed again, it is given the gateway's retained {@code online}, newer than anything it heard. That is
     * the gateway's latest state and is taken: journalled, not a duplicate; the numbers between are missing, as the
     * contract counts any number not arrived (docs/upstream.md, "The envelope"), but the will the newest online names,
     * held. The copy taken is the plain subscription's: the shared one's, which a broker following MQTT 5 would not
     * send, is left aside.
     */
    @Test
    void aRetainedStateNewerThanAllHeardIsTaken() throws Exception {
        Instant now = Instant.now();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             ClosingRelay relay = new ClosingRelay(broker.port())) {
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            try (AggregateInstance agg = new AggregateInstance(relay.url(), "expiring", "ret", dir)) {
                // Connected: online 1 retained (its will 2 held), then 3..10.
                GatewayPublisher.publish(gw, GatewayJson.topic(GATEWAY, "state"), GatewayJson.online(GATEWAY, 1, now, 2), true);
                publishTelemetry(gw, 3, 10, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(10L));

                int closedBefore = closings(broker, agg.clientId);
                relay.close(true);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                        () -> closings(broker, agg.clientId) > closedBefore);
                // Meanwhile the gateway reconnected: its will 2 (released), 11..19, and online 20 (will 21) retained.
                GatewayPublisher.publish(gw, GatewayJson.topic(GATEWAY, "state"),
                        GatewayJson.state(GATEWAY, 2, now, "offline", true), true);
                publishTelemetry(gw, 11, 19, now);
                GatewayPublisher.publish(gw, GatewayJson.topic(GATEWAY, "state"), GatewayJson.online(GATEWAY, 20, now, 21), true);
                relay.open();

                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(60), () -> agg.counters().received() >= 10);
                publishTelemetry(gw, 22, 25, now);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(25L));

                Aggregator.Counters c = agg.counters();
                assertThat(agg.journalledSeqs()).as("journalled numbers").containsExactly(1L, 3L, 4L, 5L, 6L, 7L,
                        8L, 9L, 10L, 20L, 22L, 23L, 24L, 25L);
                assertThat(c.duplicates()).as("duplicates").isZero();
                assertThat(c.openGaps()).as("missing: the will 2 (a newer online names another) and 11..19")
                        .isEqualTo(10);
            } finally {
                gw.disconnect();
                gw.close();
            }
        }
    }

    /** How many times the broker has logged the end of a connection of {@code clientId}. */
    private static int closings(Mosquitto broker, String clientId) {
        String log = broker.log();
        int n = 0;
        for (String line : log.split("\n")) {
            if (line.contains(clientId) && (line.contains("closed its connection") || line.contains("disconnecting"))) {
                n++;
            }
        }
        return n;
    }

    /** Connected minutes ago: {@code online} 10 (its will 11 held), then 12..160 went to whoever listened. */
    private static void connectedMinutesAgo(MqttClient gw, Instant now, boolean retained) throws Exception {
        // Through the window's wait: a publish one after another may find Paho's window full (32202) on a loaded machine.
        GatewayPublisher.publish(gw, GatewayJson.topic(GATEWAY, "state"),
                GatewayJson.online(GATEWAY, 10, now.minusSeconds(300), 11), retained);
        publishTelemetry(gw, 12, 160, now);
    }

    private static void publishTelemetry(MqttClient gw, long from, long to, Instant ts) throws Exception {
        for (long seq = from; seq <= to; seq++) {
            GatewayPublisher.publish(gw, TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, ts, 1), false);
        }
    }

    /**
     * Where a retained copy lies among the numbers heard decides what it is: in a gap it is that message, arrived
     * (it fills the gap); above everything heard of a gateway already heard from, it is the newest the gateway said
     * (published while this instance was not subscribed) and is taken, the numbers between missing; anywhere else
     * (nothing heard yet, at or below what was heard) it is counted with the duplicates and changes nothing.
     */
    @Test
    void aRetainedCopyCountsOnlyWhereItFillsAGap() throws Exception {
        Instant now = Instant.parse("2026-12-02T09:00:00Z");
        try (Aggregator agg = new Aggregator("ret", Duration.ofMinutes(1), Duration.ofSeconds(15),
                new TsBounds(Duration.ofMinutes(5), Duration.ofHours(192)),
                new LineFile(dir.resolve("load.csv"), ExportFormat.CSV.header(), Durability.EACH_LINE),
                ExportFormat.CSV, null, null, Clock.fixed(now, ZoneOffset.UTC))) {
            agg.accept(TelemetryJson.topic(GATEWAY), telemetry(20, now), true); // before any live number
            agg.accept(TelemetryJson.topic(GATEWAY), telemetry(30, now), false); // the baseline
            agg.accept(TelemetryJson.topic(GATEWAY), telemetry(33, now), false); // 31, 32 missing
            assertThat(agg.counters().openGaps()).isEqualTo(2);

            agg.accept(TelemetryJson.topic(GATEWAY), telemetry(32, now), true); // fills its gap
            agg.accept(TelemetryJson.topic(GATEWAY), telemetry(30, now), true); // heard already
            agg.accept(TelemetryJson.topic(GATEWAY), telemetry(25, now), true); // below all heard
            agg.accept(TelemetryJson.topic(GATEWAY), telemetry(40, now), true); // above all heard

            Aggregator.Counters c = agg.counters();
            assertThat(c.accepted()).as("30, 33 and the retained 32 and 40").isEqualTo(4);
            assertThat(c.duplicates()).as("the retained 20, 30 and 25").isEqualTo(3);
            assertThat(c.openGaps()).as("31 and 34..39").isEqualTo(7);
            assertThat(c.gapsSeen()).isEqualTo(8);
        }
    }

    private static byte[] telemetry(long seq, Instant ts) {
        return TelemetryJson.of(GATEWAY, seq, ts, 1).getBytes(StandardCharsets.UTF_8);
    }
}
