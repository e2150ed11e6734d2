package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.upstream.ContractDoc;
import org.orderly.gateway.upstream.ContractSchemas;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.gateway.upstream.command.CapSamples;
import org.orderly.testkit.Mosquitto;

/**
 * What the whole gateway (real bridges, cars and meter) sends a grid side through a real Mosquitto is what the JSON
 * Schemas of docs/upstream.md say, with no field they do not name: state online, the will and offline at a clean stop,
 * telemetry normal and conservative, plans, events of several kinds, an ended session, and replies (accepted, duplicate,
 * rejected, a history answer) on the response topic and on {@code replies}. The caps the schema refuses (CapSamples')
 * are refused with a reply saying why.
 */
class UpstreamContractLiveTest {
    private static final String GW = "gw-test";
    private static final String CAP = "orderly/v1/" + GW + "/cmd/cap";
    private static final String HISTORY = "orderly/v1/" + GW + "/cmd/history";
    private static final ContractSchemas SCHEMAS = new ContractSchemas(ContractDoc.read());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void everythingTheGatewaySendsIsWhatTheSchemasSay() throws Exception {
        List<JsonNode> answers = new ArrayList<>();
        List<GridSide.Received> received;
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW);
             LiveRig rig = new LiveRig(3, 10, dir, """
                     upstream:
                       broker: %s
                       plaintext: true
                       telemetryPeriodMs: 250
                     """.formatted(broker.url()))) {
            await("every bridge leased and every session open", Duration.ofSeconds(10), rig::everySessionOpen);
            // p0 and p1 declared (the session's declared values), p2 not (null)
            Instant departure = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            rig.gateway.loop().declare(0, new Declaration(departure, 40));
            rig.gateway.loop().declare(1, new Declaration(departure, 30));
            grid.await(r -> r.topic().endsWith("/telemetry") && r.json().path("evKw").asDouble() > 0
                    && r.json().path("transformerKw").isNumber(), 20_000);

            // the doc's example cap, its window moved to now
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode cap = (ObjectNode) SCHEMAS.doc().examples().stream()
                    .filter(e -> e.heading().startsWith("cmd/cap")).findFirst().orElseThrow().json().deepCopy();
            cap.put("from", now.minusSeconds(5).toString()).put("to", now.plus(Duration.ofHours(1)).toString())
                    .put("limitKw", 30);
            answers.add(expect(grid.request(CAP, cap.toString(), "c-1", 10_000), "accepted"));
            answers.add(expect(grid.request(CAP, cap.toString(), "c-2", 10_000), "duplicate"));
            int refused = 0;
            for (CapSamples.Wrong w : CapSamples.wrong()) {
                if (!schemaRefuses(w.payload())) {
                    continue;
                }
                // the samples' evening window (at CapSamples.NOW) moved to the hours ahead, so they are refused as then
                String payload = w.payload().replace("2026-11-29T18:00:00Z", now.plus(Duration.ofHours(1)).toString())
                        .replace("2026-11-29T21:00:00Z", now.plus(Duration.ofHours(4)).toString());
                JsonNode r = expect(grid.request(CAP, payload, "bad-" + refused, 10_000), "rejected");
                assertThat(r.path("reason").asText()).as("the reason for refusing %s", payload).contains(w.reason());
                answers.add(r);
                refused++;
            }
            assertThat(refused).as("CapSamples' caps the schema refuses").isGreaterThanOrEqualTo(8);
            grid.send(CAP, cap.put("id", "no-response-topic").toString());
            grid.await(r -> r.topic().endsWith("/replies") && r.json().path("requestId").asText()
                    .equals("no-response-topic"), 10_000);

            Instant minute = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
            rig.gateway.store().sample(new Sample("transformer", "power.total.kw", minute, 50));
            rig.gateway.store().sample(new Sample("compound", "base.kw", minute, 43));
            String history = "{\"v\":1,\"id\":\"h-1\",\"from\":\"" + minute + "\",\"to\":\"" + now + "\"}";
            JsonNode answer = null;
            long until = System.currentTimeMillis() + 20_000;
            // the store writes a minute at its writer's next tick (every 5 s)
            while (System.currentTimeMillis() < until) {
                answer = grid.request(HISTORY, history, "h-1", 10_000);
                if (answer != null && !answer.path("minutes").isEmpty()) {
                    break;
                }
                Thread.sleep(500);
            }
            answers.add(expect(answer, "ok"));
            grid.send(HISTORY, history);
            grid.await(r -> r.topic().endsWith("/replies") && r.json().path("command").asText().equals("history"),
                    10_000);

            rig.ctReversed(true);
            grid.await(r -> r.topic().endsWith("/telemetry") && r.json().path("mode").asText().equals("conservative"),
                    10_000);
            rig.ctReversed(false);
            grid.await(r -> r.topic().endsWith("/telemetry") && r.json().path("mode").asText().equals("normal")
                    && r.json().path("limitKw").asDouble() == 30, 10_000);

            rig.bridges.get(0).vehicle.unplug();
            grid.await(r -> r.topic().endsWith("/sessions"), 20_000);
            grid.await(r -> r.topic().endsWith("/plan"), 20_000);

            // a lost connection: its will (the broker's, and the gateway's copy after the reconnect), a new online
            broker.stop();
            broker.start();
            grid.reconnect();
            JsonNode online = grid.await(r -> r.topic().endsWith("/state") && r.json().path("state").asText()
                    .equals("online") && r.seq() > 1, 30_000).json();
            // a clean stop: the gateway publishes that connection's will, offline, itself
            rig.stopGateway();
            grid.await(r -> r.topic().endsWith("/state") && r.seq() == online.path("will").asLong(), 10_000);
            received = grid.all();
        }

        Map<String, Integer> validated = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>(answers);
        // the grid side's subscription (orderly/v1/gw-test/#) brings back the commands it sent: not the gateway's
        received.stream().filter(r -> !r.topic().contains("/cmd/")).forEach(r -> all.add(r.json()));
        for (JsonNode m : all) {
            String schema = ContractSchemas.schemaOfPublished(m);
            if (schema == null) {
                problems.add("no schema for " + m);
                continue;
            }
            validated.merge(schema, 1, Integer::sum);
            SCHEMAS.problems(schema, m).forEach(p -> problems.add(schema + " " + p + " in " + m));
        }
        System.out.println("UpstreamContractLiveTest: validated " + validated + "; states " + kinds(all, "state", "state")
                + ", telemetry modes " + kinds(all, "telemetry", "mode") + ", event kinds " + kinds(all, "event", "kind")
                + ", replies " + kinds(all, "reply", "status") + ", history answers " + kinds(all, "history", "status"));
        assertThat(problems).isEmpty();
        assertThat(validated).containsKeys("state", "telemetry", "plan", "event", "session", "reply");
        assertThat(kinds(all, "state", "state")).containsKeys("online", "offline");
        assertThat(kinds(all, "telemetry", "mode")).containsKeys("normal", "conservative");
        assertThat(kinds(all, "event", "kind")).containsKeys("cap.accepted", "cap.rejected", "control.mode");
        assertThat(kinds(all, "reply", "status")).containsKeys("accepted", "duplicate", "rejected");
        assertThat(kinds(all, "history", "status")).containsKeys("ok");
    }

    /** How many messages of {@code type} there are by the value of their {@code field}. */
    private static Map<String, Long> kinds(List<JsonNode> all, String type, String field) {
        Map<String, Long> n = new TreeMap<>();
        all.stream().filter(m -> m.path("type").asText().equals(type))
                .forEach(m -> n.merge(m.path(field).asText(), 1L, Long::sum));
        return n;
    }

    private static JsonNode expect(JsonNode reply, String status) {
        assertThat(reply).as("a reply").isNotNull();
        assertThat(reply.path("status").asText()).as("%s", reply).isEqualTo(status);
        return reply;
    }

    /** Whether the schema cmd-cap refuses {@code payload} (one JSON value it can judge). */
    private static boolean schemaRefuses(String payload) {
        try {
            return !SCHEMAS.errors("cmd-cap", JSON.readTree(payload)).isEmpty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return false;
        }
    }
}
