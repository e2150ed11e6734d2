package org.orderly.gateway.upstream.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.upstream.ContractDoc;
import org.orderly.gateway.upstream.ContractSchemas;

/**
 * The optional fields the gateway writes only now and then, rendered as it sends them ({@link Envelope#render}), are
 * in the schemas of docs/upstream.md: {@code will} in {@code online}, {@code clockSet} while the clock is not set, the
 * events' {@code skipped}, {@code seqFrom} and {@code dropped}, a session's {@code deliveredKnown} false, and
 * telemetry's {@code evUnmeasuredKw} and {@code piles.unmeasured} (sent always, optional in the schema).
 * UpstreamContractLiveTest sees the common messages on the wire; these need an outage, a trim, a damaged store, an
 * unset clock or a pile that counts no energy to happen there.
 */
class RenderedContractTest {
    private static final ContractSchemas SCHEMAS = new ContractSchemas(ContractDoc.read());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TS = Instant.parse("2026-11-29T12:00:00.125Z");

    @Test
    void everyOptionalFieldIsInItsSchema() throws Exception {
        List<JsonNode> rendered = List.of(
                render(7, StateBody.online(8), true),
                render(8, StateBody.OFFLINE, false),
                render(9, new EventBody("outbox.trimmed", "outbox", "4 unsent messages trimmed (seq 3..6)",
                        new SkippedSeqs(3, 6)), true),
                render(10, EventBody.numbersFrom("store.movedAside", "/var/lib/orderly/orderly.db.damaged-1",
                        "the store was damaged", 1764417600000L), true),
                render(11, EventBody.dropped("outbox.dropped", "outbox", "5 messages dropped", 5), true),
                render(12, new SessionBody("p1@1764417600-3", "p1", TS.minusSeconds(3600), TS, null, null, 0, true,
                        false), true),
                render(13, new TelemetryBody(120.0, 100.0, true, 20.0, 3.52, 600, 480.0, null,
                        new TelemetryBody.Flex(16.5, 61.2, 103.5),
                        "normal", new TelemetryBody.PileCounts(12, 4, 3, 0, 1)), true));
        List<String> problems = new java.util.ArrayList<>();
        for (JsonNode m : rendered) {
            String schema = ContractSchemas.schemaOfPublished(m);
            SCHEMAS.problems(schema, m).forEach(p -> problems.add(schema + " " + p + " in " + m));
        }
        assertThat(problems).isEmpty();
    }

    private static JsonNode render(long seq, Body body, boolean clockSet) throws Exception {
        return JSON.readTree(Envelope.render("gw-1", seq, TS, body, clockSet));
    }
}
