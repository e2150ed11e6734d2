package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
 * The gateway reads a grid cap as the schema {@code cmd-cap} of docs/upstream.md has it: it accepts what the schema
 * allows (within the ranges the schema cannot say: the window and the transformer's limit) and refuses what the
 * schema refuses, so a grid side generated from the schema neither sends caps the gateway refuses nor counts on ones
 * it would take.
 */
class CapContractTest {
    private static final ContractSchemas SCHEMAS = new ContractSchemas(ContractDoc.read());
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Instant NOW = Instant.parse(CapSamples.NOW);
    /** The reasons for refusing a cap the schema allows: the rules docs/upstream.md states beside it. */
    private static final List<String> BEYOND_THE_SCHEMA = List.of("expired:", "out of range:", "to:");

    private final CapParser parser = new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE);

    @Test
    void everyExampleCapIsValidAndAcceptedWithinItsWindow() throws Exception {
        List<ContractDoc.Example> caps = SCHEMAS.doc().examples().stream()
                .filter(e -> e.heading().startsWith("cmd/cap")).toList();
        assertThat(caps).as("example caps in docs/upstream.md").isNotEmpty();
        for (ContractDoc.Example e : caps) {
            assertThat(SCHEMAS.problems("cmd-cap", e.json())).as("%s", e).isEmpty();
            Instant from = Instant.parse(e.json().path("from").asText());
            Parsed<CapCommand> p = parser.parse(STRICT.writeValueAsBytes(e.json()), from.minusSeconds(60));
            assertThat(p).as("%s read a minute before it begins", e).isInstanceOf(Parsed.Ok.class);
        }
    }

    /** Caps the schema allows, each in a form a generated client may send: every one is accepted. */
    @Test
    void whatTheSchemaAllowsIsAccepted() {
        List<String> wrong = new ArrayList<>();
        for (String cap : List.of(
                cap("1", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1.0", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "0"),
                cap("1", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "0.5"),
                cap("1", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "630"),
                cap("1", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "4e2"),
                cap("1", "\"2026-11-30T02:00:00+08:00\"", "\"2026-11-30T05:00:00+08:00\"", "400"),
                cap("1", "\"2026-11-29T13:00:00-05:00\"", "\"2026-11-29T16:00:00-05:00\"", "400"),
                cap("1", "\"2026-11-29t18:00:00z\"", "\"2026-11-29t21:00:00z\"", "400"),
                cap("1", "\"2026-11-29T18:00:00.5Z\"", "\"2026-11-29T21:00:00.123456789Z\"", "400"),
                "{\"v\":1,\"id\":\"" + "aZ09._:-".repeat(8) + "\",\"from\":\"2026-11-29T18:00:00Z\","
                        + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":400}",
                "{\"limitKw\":400,\"to\":\"2026-11-29T21:00:00Z\",\"from\":\"2026-11-29T18:00:00Z\",\"id\":\"x\",\"v\":1,"
                        + "\"note\":{\"by\":[\"grid\"]},\"priority\":null}")) {
            List<String> schema = schemaProblems(cap);
            assertThat(schema).as("the schema allows %s", cap).isEmpty();
            Parsed<CapCommand> p = parse(cap);
            if (p instanceof Parsed.Bad<CapCommand> bad) {
                wrong.add(cap + " is refused: " + bad.reason());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Caps the schema refuses (CapParserTest's, and forms of instant and id beside them): every one is refused. */
    @Test
    void whatTheSchemaRefusesIsRefused() {
        List<String> caps = new ArrayList<>(CapSamples.wrong().stream().map(CapSamples.Wrong::payload).toList());
        caps.addAll(List.of(
                cap("1", "\"2026-11-29T24:00:00Z\"", "\"2026-11-30T01:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T18:00:00+08:00:30\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T18:00:00.Z\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T23:59:60Z\"", "\"2026-11-30T01:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T18:00:00+0800\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T18:00Z\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T18:00:00\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1", "\"2026-11-29\"", "\"2026-11-30\"", "400"),
                cap("1", "1764439200", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("1", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "null"),
                cap("1", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "-0.5"),
                cap("null", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "400"),
                cap("true", "\"2026-11-29T18:00:00Z\"", "\"2026-11-29T21:00:00Z\"", "400"),
                "{\"v\":1,\"id\":\"\",\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}",
                "{\"v\":1,\"id\":\"" + "a".repeat(65) + "\",\"from\":\"2026-11-29T18:00:00Z\","
                        + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}",
                "{\"v\":1,\"id\":7,\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}"));
        List<String> wrong = new ArrayList<>();
        for (String cap : caps) {
            Parsed<CapCommand> p = parse(cap);
            List<String> schema = schemaProblems(cap);
            if (schema == null) {
                // not JSON to a strict reader: the schema has no say, the gateway calls it malformed
                assertThat(p).as("%s", cap).isInstanceOf(Parsed.Bad.class);
                assertThat(((Parsed.Bad<CapCommand>) p).reason()).as("%s", cap).startsWith("malformed:");
            } else if (schema.isEmpty()) {
                assertThat(p).as("%s, which the schema allows", cap).isInstanceOf(Parsed.Bad.class);
                assertThat(BEYOND_THE_SCHEMA).as("the reason for refusing %s, which the schema allows: %s", cap,
                        ((Parsed.Bad<CapCommand>) p).reason())
                        .anyMatch(((Parsed.Bad<CapCommand>) p).reason()::startsWith);
            } else if (p instanceof Parsed.Ok) {
                wrong.add(cap + " is accepted, but the schema says " + schema);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String cap(String v, String from, String to, String limitKw) {
        return "{\"v\":" + v + ",\"id\":\"c-1\",\"from\":" + from + ",\"to\":" + to + ",\"limitKw\":" + limitKw + "}";
    }

    /** What the schema says of {@code cap}, or null when it is not one JSON value to a strict reader. */
    private static List<String> schemaProblems(String cap) {
        JsonNode json;
        try {
            json = STRICT.readTree(cap);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return null;
        }
        return SCHEMAS.errors("cmd-cap", json);
    }

    private Parsed<CapCommand> parse(String cap) {
        return parser.parse(cap.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
