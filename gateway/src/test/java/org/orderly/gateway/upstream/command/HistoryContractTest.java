package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.upstream.ContractDoc;
import org.orderly.gateway.upstream.ContractSchemas;

/**
 * The gateway reads a history request as the schema {@code cmd-history} of docs/upstream.md has it: the doc's example
 * and the forms the schema allows are accepted (within a day, not from the future: what the schema cannot say), and
 * what it refuses is refused.
 */
class HistoryContractTest {
    private static final ContractSchemas SCHEMAS = new ContractSchemas(ContractDoc.read());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-04T18:00:00Z");

    private final HistoryParser parser = new HistoryParser("gw-1", CommandLimits.DEFAULT, ClockFloor.NONE);

    @Test
    void theExampleIsValidAndAccepted() throws Exception {
        List<ContractDoc.Example> requests = SCHEMAS.doc().examples().stream()
                .filter(e -> e.heading().startsWith("cmd/history")).toList();
        assertThat(requests).as("example history requests in docs/upstream.md").isNotEmpty();
        for (ContractDoc.Example e : requests) {
            assertThat(SCHEMAS.errors("cmd-history", e.json())).as("%s", e).isEmpty();
            assertThat(parser.parse(JSON.writeValueAsBytes(e.json()), NOW)).as("%s", e).isInstanceOf(Parsed.Ok.class);
        }
    }

    @Test
    void whatTheSchemaAllowsIsAcceptedAndWhatItRefusesIsRefused() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String r : List.of(
                request("1", "\"2026-11-29T17:00:00Z\"", "\"2026-11-29T17:02:00Z\""),
                request("1.0", "\"2026-11-29T17:00:00Z\"", "\"2026-11-29T19:00:00Z\""),
                request("1", "\"2026-11-30T01:00:00+08:00\"", "\"2026-11-30t02:00:00.5+08:00\""),
                "{\"v\":1,\"id\":\"h-2\",\"from\":\"2026-11-29T17:00:00Z\",\"to\":\"2026-11-29T17:02:00Z\",\"x\":[1]}")) {
            assertThat(SCHEMAS.errors("cmd-history", JSON.readTree(r))).as("the schema allows %s", r).isEmpty();
            if (parse(r) instanceof Parsed.Bad<HistoryRequest> bad) {
                wrong.add(r + " is refused: " + bad.reason());
            }
        }
        for (String r : List.of(
                request("2", "\"2026-11-29T17:00:00Z\"", "\"2026-11-29T17:02:00Z\""),
                request("\"1\"", "\"2026-11-29T17:00:00Z\"", "\"2026-11-29T17:02:00Z\""),
                request("1", "\"yesterday\"", "\"2026-11-29T17:02:00Z\""),
                request("1", "\"2026-11-29T17:00:00\"", "\"2026-11-29T17:02:00Z\""),
                request("1", "\"2026-11-28T24:00:00Z\"", "\"2026-11-29T17:02:00Z\""),
                request("1", "1764435600", "\"2026-11-29T17:02:00Z\""),
                "{\"v\":1,\"id\":\"h/1\",\"from\":\"2026-11-29T17:00:00Z\",\"to\":\"2026-11-29T17:02:00Z\"}",
                "{\"v\":1,\"from\":\"2026-11-29T17:00:00Z\",\"to\":\"2026-11-29T17:02:00Z\"}",
                "{\"v\":1,\"id\":\"h-1\",\"from\":\"2026-11-29T17:00:00Z\"}")) {
            assertThat(SCHEMAS.errors("cmd-history", JSON.readTree(r))).as("the schema refuses %s", r).isNotEmpty();
            if (parse(r) instanceof Parsed.Ok) {
                wrong.add(r + " is accepted");
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String request(String v, String from, String to) {
        return "{\"v\":" + v + ",\"id\":\"h-1\",\"from\":" + from + ",\"to\":" + to + "}";
    }

    private Parsed<HistoryRequest> parse(String r) {
        return parser.parse(r.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
