package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The link over MQTT 3.1.1 ({@code upstream.protocol: mqtt311}) against a real Mosquitto: the broker sees a 3.1.1
 * client, state and telemetry arrive, a grid cap is applied and answered on the replies topic (3.1.1 has no response
 * topic), a history request is refused for want of one, and a short broker outage loses nothing; all of it, replies
 * included, as the schemas of docs/upstream.md say. The grid side is the usual v5 client: the broker translates.
 */
class Upstream311Test {
    private static final String GW = "gw-311";
    private static final String REPLIES = "orderly/v1/" + GW + "/replies";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void theLinkWorksOverMqtt311() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withTelemetryPeriod(Duration.ofMillis(200))
                             .withProtocol(MqttProtocol.MQTT311))) {
            GridSide.Received state = grid.await(r -> r.topic().equals("orderly/v1/" + GW + "/state"), 20_000);
            assertThat(state.json().path("state").asText()).isEqualTo("online");
            // Mosquitto logs the protocol of each client: p2 is MQTT 3.1.1, p5 would be v5
            assertThat(broker.log()).as("the broker's log").contains("as " + GW + " (p2,");
            GridSide.Received t = grid.await(r -> r.topic().equals("orderly/v1/" + GW + "/telemetry"), 20_000);
            assertThat(t.json().path("transformerKw").asDouble()).isEqualTo(50.0);

            grid.request("orderly/v1/" + GW + "/cmd/cap", "{\"v\":1,\"id\":\"cap-311\",\"from\":\"" + now.minusSeconds(60)
                    + "\",\"to\":\"" + now.plus(Duration.ofHours(1)) + "\",\"limitKw\":60}", "ignored-under-311", 1);
            GridSide.Received reply = grid.await(r -> r.topic().equals(REPLIES)
                    && r.json().path("requestId").asText().equals("cap-311"), 10_000);
            assertThat(reply.json().path("status").asText()).as("reply %s", reply.json()).isEqualTo("accepted");
            assertThat(rig.upstream.caps().get()).extracting(GridCap::id).containsExactly("cap-311");
            grid.await(r -> r.topic().endsWith("/telemetry") && r.json().path("limitKw").asDouble() == 60.0, 10_000);

            grid.request("orderly/v1/" + GW + "/cmd/history", "{\"v\":1,\"id\":\"h-311\",\"from\":\""
                    + now.minusSeconds(600) + "\",\"to\":\"" + now + "\"}", "h", 1);
            GridSide.Received refused = grid.await(r -> r.topic().equals(REPLIES)
                    && r.json().path("command").asText().equals("history"), 10_000);
            assertThat(refused.json().path("status").asText()).isEqualTo("rejected");
            assertThat(refused.json().path("reason").asText()).startsWith("responseTopic: ").contains("response topic");

            rig.event("test.before", "before the outage");
            broker.stop();
            // During the outage as the gateway sees it: the connection lost and an attempt to make it again refused
            // (at the link's first reconnect wait, 1 s; a fixed 3 s of sleep saw the same, later)
            Await.until("the link has lost the broker and failed to connect again", Duration.ofSeconds(30),
                    () -> rig.upstream.link().losses() >= 1 && rig.upstream.link().failedConnects() >= 1);
            assertThat(rig.upstream.link().connected()).as("connected while the broker is stopped").isFalse();
            rig.event("test.during", "during the outage");
            broker.start();
            grid.reconnect();
            rig.event("test.after", "after the outage");
            assertThat(rig.drained(60_000)).as("backlog drained after the broker came back").isTrue();
            rig.quiet();
            assertThat(rig.drained(30_000)).isTrue();
            rig.upstream.close();
            long last = rig.lastSeq();
            grid.awaitAllUpTo(last, 30_000);
            System.out.println("Upstream311Test: " + Delivery.assertCompleteAndOrdered(grid, last));
            // the replies on orderly/v1/gw-311/replies (3.1.1 has no response topic) and every numbered message are
            // what the schemas of docs/upstream.md say; the commands the grid side sent come back to it, not checked
            ContractSchemas schemas = new ContractSchemas(ContractDoc.read());
            List<String> problems = new java.util.ArrayList<>();
            // A reply is QoS 1: the broker may deliver it twice across the outage, so replies are counted by request.
            java.util.Set<String> replied = new java.util.TreeSet<>();
            for (GridSide.Received r : grid.all()) {
                if (!r.topic().contains("/cmd/")) {
                    String schema = ContractSchemas.schemaOfPublished(r.json());
                    if (r.topic().equals(REPLIES)) {
                        replied.add(r.json().path("requestId").asText());
                    }
                    (schema == null ? List.of("no schema") : schemas.problems(schema, r.json()))
                            .forEach(p -> problems.add(r.topic() + ": " + p + " in " + r.json()));
                }
            }
            assertThat(replied).as("replies checked").containsExactly("cap-311", "h-311");
            assertThat(problems).isEmpty();
        }
    }
}
