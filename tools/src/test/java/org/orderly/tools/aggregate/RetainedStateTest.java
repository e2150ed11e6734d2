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
 * An instance that starts while a gateway has been connected for a while: the broker holds the gateway's retained
 * {@code online}, numbered long before what the gateway sends now. Mosquitto 2.0.11 gives a retained message to a
 * new shared subscription too; it is an old copy and must not be taken as the gateway's baseline (everything between
 * it and the live numbers would count as lost).
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
                // Connected minutes ago: online 10 retained (its will 11 held), then 12..160 went to whoever listened.
                gw.publish(GatewayJson.topic(GATEWAY, "state"), GatewayJson.online(GATEWAY, 10, now.minusSeconds(300),
                        11).getBytes(StandardCharsets.UTF_8), 1, true);
                for (long seq = 12; seq <= 160; seq++) {
                    gw.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, now, 1)
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                }
                try (AggregateInstance agg = new AggregateInstance(broker.url(), "late-starter", "ret", dir)) {
                    for (long seq = 161; seq <= 170; seq++) {
                        gw.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, now, 1)
                                .getBytes(StandardCharsets.UTF_8), 1, false);
                    }
                    SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> agg.journalledSeqs().contains(170L));
                    Aggregator.Counters c = agg.counters();
                    assertThat(c.gapsSeen()).as("seqs counted as skipped").isZero();
                    assertThat(c.openGaps()).as("seqs counted as missing").isZero();
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
     * Where a retained copy lies among the numbers heard decides what it is: in a gap it is that message, arrived
     * (it fills the gap); anywhere else it is counted with the duplicates and changes nothing.
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
            assertThat(c.accepted()).as("30, 33 and the retained 32").isEqualTo(3);
            assertThat(c.duplicates()).as("the retained 20, 30, 25 and 40").isEqualTo(4);
            assertThat(c.openGaps()).as("31").isEqualTo(1);
            assertThat(c.gapsSeen()).isEqualTo(2);
        }
    }

    private static byte[] telemetry(long seq, Instant ts) {
        return TelemetryJson.of(GATEWAY, seq, ts, 1).getBytes(StandardCharsets.UTF_8);
    }
}
