package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * The first message an instance hears from a gateway need not be its lowest number: a gateway sends its new
 * {@code online} before the messages left unacknowledged when it stopped (docs/upstream.md, "state"), and topics are
 * ordered only each in itself. Those lower numbers are new to this instance, not duplicates.
 */
class FirstArrivalTest {
    @TempDir
    Path dir;

    @Test
    void numbersBelowTheFirstHeardAreTakenNotDroppedAsDuplicates() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant beforeTheStop = now.minus(Duration.ofMinutes(2));
        try (Mosquitto broker = Mosquitto.start(dir)) {
            AggregateInstance agg = new AggregateInstance(broker.url(), "first", "first", dir);
            MqttClient gw = new MqttClient(broker.url(), "gw-restarted", new MemoryPersistence());
            gw.connect();
            try {
                // Restarted after a clean stop: online 10 (its will, 11, held), then 8 and 9, unacknowledged at the
                // stop, then new telemetry.
                gw.publish(GatewayJson.topic("gw-restarted", "state"), GatewayJson.state("gw-restarted", 10, now,
                        "online", true).getBytes(StandardCharsets.UTF_8), 1, true);
                for (long seq : new long[] {8, 9}) {
                    gw.publish(TelemetryJson.topic("gw-restarted"), TelemetryJson.of("gw-restarted", seq,
                            beforeTheStop.plusSeconds(seq), seq).getBytes(StandardCharsets.UTF_8), 1, false);
                }
                gw.publish(TelemetryJson.topic("gw-restarted"), TelemetryJson.of("gw-restarted", 12, now, 12)
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                        () -> agg.counters().accepted() + agg.counters().duplicates() == 4);
            } finally {
                gw.disconnect();
                gw.close();
                agg.close();
            }
            assertThat(agg.counters().accepted()).isEqualTo(4);
            assertThat(agg.counters().duplicates()).isZero();
            assertThat(agg.counters().openGaps()).as("the held will, 11").isEqualTo(1);
            List<String> rows = Files.readAllLines(agg.out);
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(beforeTheStop + ",")
                    .contains(",first,1,0,109.000,100.000,9.000,"));
        }
    }
}
