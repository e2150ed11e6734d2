package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
    private static final Instant TS = Instant.parse("2026-11-29T12:00:00Z");
    private final MessageValidator validator = new MessageValidator();

    private Inbound check(String topic, String payload) {
        return validator.check(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private String rejection(String topic, String payload) {
        Inbound in = check(topic, payload);
        assertThat(in).isInstanceOf(Inbound.Rejected.class);
        return ((Inbound.Rejected) in).reason();
    }

    @Test
    void validTelemetryIsReadWithItsValues() {
        Inbound in = check(TelemetryJson.topic("gw-1"), TelemetryJson.of("gw-1", 7, TS, 42.5));

        assertThat(in).isInstanceOf(Inbound.TelemetryMessage.class);
        Inbound.TelemetryMessage t = (Inbound.TelemetryMessage) in;
        assertThat(t.envelope()).isEqualTo(new Envelope("telemetry", "gw-1:7", 7, "gw-1", TS));
        assertThat(t.telemetry()).isEqualTo(new Telemetry(142.5, 100.0, 42.5, 400.0, 42.5, 257.5));
    }

    @Test
    void unknownFieldsAreIgnoredAndNullMeansUnknown() {
        String json = TelemetryJson.of("gw-1", 1, TS, 0).replace("\"transformerKw\":100.000", "\"transformerKw\":null")
                .replace("{\"v\":1,", "{\"v\":1,\"future\":{\"x\":[1,2]},");
        Inbound in = check(TelemetryJson.topic("gw-1"), json);

        assertThat(in).isInstanceOf(Inbound.TelemetryMessage.class);
        assertThat(((Inbound.TelemetryMessage) in).telemetry().transformerKw()).isNull();
    }

    /** {@code baseBound} (since 2026-12-06) is read when said, null when not; anything but a boolean is refused. */
    @Test
    void baseBoundIsReadWhenSaidAndRefusedWhenNotABoolean() {
        String json = TelemetryJson.of("gw-1", 1, TS, 0);
        Inbound bound = check(TelemetryJson.topic("gw-1"), json.replace("\"evKw\":", "\"baseBound\":true,\"evKw\":"));
        assertThat(((Inbound.TelemetryMessage) bound).telemetry().baseBound()).isTrue();
        assertThat(((Inbound.TelemetryMessage) check(TelemetryJson.topic("gw-1"), json)).telemetry().baseBound())
                .as("a gateway before 2026-12-06 says nothing").isNull();
        assertThat(rejection(TelemetryJson.topic("gw-1"), json.replace("\"evKw\":", "\"baseBound\":\"yes\",\"evKw\":")))
                .isEqualTo("field 'baseBound' is not true, false or null");
    }

    @Test
    void anotherContractVersionIsRejected() {
        assertThat(rejection(TelemetryJson.topic("gw-1"), TelemetryJson.of(2, "gw-1", 1, TS, 1)))
                .isEqualTo("contract version v=2 is not supported; this consumer reads v=1");
    }

    @Test
    void theGatewayInTheBodyMustBeTheOneInTheTopic() {
        assertThat(rejection(TelemetryJson.topic("gw-2"), TelemetryJson.of("gw-1", 1, TS, 1)))
                .isEqualTo("gatewayId 'gw-1' in the body differs from 'gw-2' in the topic");
    }

    @Test
    void aTsOutsideTheYears0000To9999IsRejected() {
        for (String ts : List.of("-999999999-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            assertThat(rejection(TelemetryJson.topic("gw-1"), TelemetryJson.of("gw-1", 1, Instant.parse(ts), 1)))
                    .isEqualTo("field 'ts' " + ts + " lies outside the years 0000 to 9999");
        }
        assertThat(check(TelemetryJson.topic("gw-1"), TelemetryJson.of("gw-1", 1,
                Instant.parse("0000-01-01T00:00:00Z"), 1))).isInstanceOf(Inbound.TelemetryMessage.class);
    }

    @Test
    void theIdMustBeGatewayAndSeq() {
        String json = TelemetryJson.of("gw-1", 5, TS, 1).replace("\"id\":\"gw-1:5\"", "\"id\":\"gw-1:6\"");
        assertThat(rejection(TelemetryJson.topic("gw-1"), json)).contains("id 'gw-1:6' is not");
    }

    @Test
    void brokenJsonAndWrongShapesAreRejectedWithTheirReason() {
        String topic = TelemetryJson.topic("gw-1");
        assertThat(rejection(topic, "{\"v\":1,")).startsWith("payload is not valid JSON");
        assertThat(rejection(topic, "[1,2]")).isEqualTo("payload is not a JSON object");
        assertThat(rejection(topic, "{\"v\":\"1\"}")).contains("'v' (contract version) is missing or not an integer");
        assertThat(rejection(topic, TelemetryJson.of("gw-1", 1, TS, 1).replace("\"evKw\":1.000", "\"evKw\":\"7\"")))
                .isEqualTo("field 'evKw' is not a number");
        assertThat(rejection(topic, TelemetryJson.of("gw-1", 1, TS, 1).replace("\"evKw\":1.000,", "")))
                .isEqualTo("field 'evKw' is missing (null is allowed when unknown)");
        assertThat(rejection(topic, TelemetryJson.of("gw-1", 1, TS, -3))).isEqualTo("field 'evKw' = -3.0 kW is outside 0..100000");
        assertThat(rejection(topic, TelemetryJson.of("gw-1", 1, TS, 1).replace("\"ts\":\"2026-11-29T12:00:00Z\"",
                "\"ts\":\"yesterday\""))).startsWith("field 'ts' is not an ISO-8601 UTC instant");
        assertThat(rejection(topic, TelemetryJson.of("gw-1", 1, TS, 1).replace("\"seq\":1,", "\"seq\":-1,")))
                .isEqualTo("field 'seq' is missing or not a non-negative integer");
        assertThat(rejection(topic, "{\"v\":1,\"v\":1}"))
                .isEqualTo("payload is not valid JSON: the object gives \"v\" twice at line 1, column 11");
        assertThat(rejection(topic, "not json at all")).startsWith("payload is not valid JSON");
    }

    /**
     * A number a double holds as 0 though it is not is refused, said as the gateway's readers say it, where it is: until
     * 2026-12-06 its reason began {@code payload is not valid JSON:}, which it is.
     */
    @Test
    void aNumberTooSmallToHoldIsRejectedAsTooSmallNotAsInvalidJson() {
        String topic = TelemetryJson.topic("gw-1");
        String json = TelemetryJson.of("gw-1", 1, TS, 1).replace("\"evKw\":1.000", "\"evKw\":1e-400");
        assertThat(rejection(topic, json)).isEqualTo("payload \"evKw\": 1e-400 (line 1, column " + (json.indexOf("1e-400") + 1)
                + ") is too small a number to hold: it would be read as 0");
    }

    /**
     * A payload holding more after its object ({@code {...} {}}) is rejected, as every other reader of the project's
     * rejects it: taking the first object would pass over what the second says, and a gateway never sends one.
     */
    @Test
    void aPayloadWithMoreAfterItsObjectIsRejectedSayingWhere() {
        String topic = TelemetryJson.topic("gw-1");
        String json = TelemetryJson.of("gw-1", 1, TS, 1);
        assertThat(check(topic, json)).isInstanceOf(Inbound.TelemetryMessage.class);
        assertThat(rejection(topic, json + " {}")).isEqualTo("payload is not valid JSON: more after the JSON object at line 1, column "
                + (json.length() + 2));
        assertThat(rejection(topic, json + "\n" + json))
                .isEqualTo("payload is not valid JSON: more after the JSON object at line 2, column 1");
        assertThat(check(topic, json + " \n")).as("white space after it is no more").isInstanceOf(Inbound.TelemetryMessage.class);
    }

    /**
     * A payload beyond one of the JSON reader's own limits is rejected saying which in words, as the gateway says it:
     * until 2026-12-04 the reason was Jackson's, {@code Number value length (1001) exceeds the maximum allowed (1000,
     * from `StreamReadConstraints.getMaxNumberLength()`)}.
     */
    @Test
    void aPayloadBeyondTheReadersLimitsIsRejectedSayingWhichInWords() {
        String topic = TelemetryJson.topic("gw-1");
        assertThat(rejection(topic, "{\"v\":" + "1".repeat(1001) + "}"))
                .isEqualTo("payload is not valid JSON: a number of more than 1000 digits");
        assertThat(rejection(topic, "[".repeat(1001)))
                .isEqualTo("payload is not valid JSON: nesting deeper than 1000 arrays and objects");
    }

    @Test
    void topicsOutsideTheContractAreRejected() {
        String json = TelemetryJson.of("gw-1", 1, TS, 1);
        assertThat(rejection("orderly/v2/gw-1/telemetry", json)).isEqualTo("topic is not orderly/v1/{gatewayId}/{kind}");
        assertThat(rejection("orderly/v1/gw 1/telemetry", json)).contains("does not match [A-Za-z0-9._-]{1,64}");
        assertThat(rejection("orderly/v1/gw-1/plan", json)).isEqualTo(
                "type 'telemetry' does not belong on topic kind 'plan' (expected 'plan')");
        assertThat(rejection("orderly/v1/gw-1/weather", json)).startsWith("unknown topic kind 'weather'");
    }

    @Test
    void otherTypesOnlyCarryTheirEnvelope() {
        Inbound in = check("orderly/v1/gw-1/events", TelemetryJson.event("gw-1", 3, TS));
        assertThat(in).isEqualTo(new Inbound.OtherMessage(new Envelope("event", "gw-1:3", 3, "gw-1", TS)));
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeParsing() {
        byte[] big = new byte[MessageValidator.MAX_PAYLOAD_BYTES + 1];
        Inbound in = validator.check(TelemetryJson.topic("gw-1"), big);
        assertThat(((Inbound.Rejected) in).reason()).isEqualTo("payload of 65537 bytes exceeds 65536");
    }

    @Test
    void anEventThatNamesSkippedNumbersSaysWhichAndWhy() {
        String topic = GatewayJson.topic("gw-1", "events");
        assertThat(check(topic, GatewayJson.event("gw-1", 7, TS, "outbox.trimmed", "outbox",
                GatewayJson.trimmedText(4, 3, 6)))).isEqualTo(new Inbound.SkipNotice(
                new Envelope("event", "gw-1:7", 7, "gw-1", TS), new Skipped(SkipReason.TRIMMED, 3, 6)));
        assertThat(check(topic, GatewayJson.event("gw-1", 9, TS, "outbox.setAside", "outbox",
                GatewayJson.spentOnlineText("gw-1", 3, 4)))).extracting(in -> ((Inbound.SkipNotice) in).skipped())
                .isEqualTo(new Skipped(SkipReason.SET_ASIDE, 3, 3));
        assertThat(check(topic, GatewayJson.event("gw-1", 9, TS, "outbox.timeUnknown", "outbox",
                GatewayJson.timeUnknownText(612, 3, 614, "{events=2, telemetry=610}")))).isInstanceOf(
                Inbound.OtherMessage.class).as("names numbers above its own");
        assertThat(check(topic, GatewayJson.event("gw-1", 700, TS, "outbox.timeUnknown", "outbox",
                GatewayJson.timeUnknownText(612, 3, 614, "{events=2, telemetry=610}")))).extracting(
                in -> ((Inbound.SkipNotice) in).skipped()).isEqualTo(new Skipped(SkipReason.TIME_UNKNOWN, 3, 614));
        assertThat(check(topic, GatewayJson.event("gw-1", 9, TS, "outbox.trimmed", "outbox", "some went")))
                .as("nothing readable").isInstanceOf(Inbound.OtherMessage.class);
        assertThat(check(topic, GatewayJson.event("gw-1", 9, TS, "cap.accepted", "c", "message 3 (x) set aside")))
                .isInstanceOf(Inbound.OtherMessage.class);
    }
}
