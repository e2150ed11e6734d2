package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.bench.GatewayFleet;
import org.orderly.testkit.Mosquitto;

/**
 * The load benchmark in small (tools/bench/aggregate-load.sh is the large one): 25 simulated gateways, a connection
 * each, publish every 200 ms for 3 s to Mosquitto; two aggregate instances share the subscription; every
 * acknowledged message reaches one of them, and the merge of their journals has every seq of every gateway.
 */
class FleetUnionTest {
    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostAcrossTwoInstances() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             AggregateInstance a = new AggregateInstance(broker.url(), "fleet-a", "fleet", dir);
             AggregateInstance b = new AggregateInstance(broker.url(), "fleet-b", "fleet", dir)) {
            GatewayFleet fleet = GatewayFleet.connect(broker.url(), "fleet-gw-", 25);
            try {
                fleet.publishEvery(Duration.ofMillis(200));
                Thread.sleep(3_000);
                fleet.stopPublishing();
            } finally {
                fleet.close();
            }
            assertThat(fleet.failures()).isZero();
            long acked = fleet.acknowledged();
            assertThat(acked).isEqualTo(fleet.published()).isGreaterThanOrEqualTo(25 * 10);
            SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20),
                    () -> a.counters().accepted() + b.counters().accepted() >= acked);

            assertThat(a.counters().accepted()).isPositive();
            assertThat(b.counters().accepted()).isPositive();
            List<BucketRow> merged = JournalMerge.merge(List.of(a.journal, b.journal), Duration.ofMinutes(1));
            assertThat(merged).allSatisfy(r -> {
                assertThat(r.accepted()).isEqualTo(acked);
                assertThat(r.openGaps()).isZero();
                assertThat(r.duplicates()).isZero();
            });
        }
    }
}
