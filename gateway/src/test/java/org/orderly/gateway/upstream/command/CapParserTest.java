package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a grid cap command can be wrong is rejected with a reason that names what is wrong. */
class CapParserTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final CapParser parser = new CapParser(CommandLimits.DEFAULT, 630);

    @Test
    void aValidCapIsRead() {
        Parsed<CapCommand> p = parse("{\"v\":1,\"id\":\"cap-1\",\"from\":\"2026-11-29T18:00:00Z\","
                + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":400,\"note\":\"unknown fields are ignored\"}");
        assertThat(p).isEqualTo(new Parsed.Ok<>(new CapCommand("cap-1", Instant.parse("2026-11-29T18:00:00Z"),
                Instant.parse("2026-11-29T21:00:00Z"), 400)));
    }

    /** The schema's {@code "v": {"const": 1}} holds for 1.0 too (JSON Schema compares numbers by value). */
    @Test
    void versionOneWrittenAsADecimalIsVersionOne() {
        Parsed<CapCommand> p = parse("{\"v\":1.0,\"id\":\"cap-1\",\"from\":\"2026-11-29T18:00:00Z\","
                + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":400}");
        assertThat(p).isInstanceOf(Parsed.Ok.class);
    }

    static Stream<Arguments> wrong() {
        String ok = "\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\"";
        return Stream.of(
                Arguments.of("{not json", "malformed"),
                Arguments.of("[1,2]", "malformed"),
                Arguments.of("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":1} trailing", "malformed"),
                Arguments.of("{\"v\":1,\"id\":\"a\",\"id\":\"b\"," + ok + ",\"limitKw\":1}", "malformed"),
                Arguments.of("{\"v\":2,\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: version 2"),
                Arguments.of("{\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: required"),
                Arguments.of("{\"v\":\"1\",\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: must be the number 1, not \"1\""),
                Arguments.of("{\"v\":1.5,\"id\":\"a\"," + ok + ",\"limitKw\":1}", "v: version 1.5 is not supported"),
                Arguments.of("{\"v\":1," + ok + ",\"limitKw\":1}", "id: required"),
                Arguments.of("{\"v\":1,\"id\":\"a/b#\"," + ok + ",\"limitKw\":1}", "id: must match"),
                Arguments.of("{\"v\":1,\"id\":\"a\",\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}", "from: required"),
                Arguments.of("{\"v\":1,\"id\":\"a\",\"from\":\"tonight\",\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}",
                        "from: 'tonight' is not an ISO-8601"),
                Arguments.of("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":\"400\"}", "limitKw: required, a number"),
                Arguments.of("{\"v\":1,\"id\":\"a\"," + ok + "}", "limitKw: required"),
                Arguments.of("{\"v\":1,\"id\":\"a\",\"from\":\"2026-11-29T21:00:00Z\",\"to\":\"2026-11-29T18:00:00Z\","
                        + "\"limitKw\":1}", "must be after from"),
                Arguments.of("{\"v\":1,\"id\":\"a\",\"from\":\"2026-11-29T08:00:00Z\",\"to\":\"2026-11-29T11:00:00Z\","
                        + "\"limitKw\":1}", "expired"),
                Arguments.of("{\"v\":1,\"id\":\"a\",\"from\":\"2026-12-29T08:00:00Z\",\"to\":\"2026-12-29T11:00:00Z\","
                        + "\"limitKw\":1}", "out of range: from"),
                Arguments.of("{\"v\":1,\"id\":\"a\",\"from\":\"2026-11-29T12:00:00Z\",\"to\":\"2026-12-02T12:00:00Z\","
                        + "\"limitKw\":1}", "out of range: the cap lasts longer"),
                Arguments.of("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":631}", "out of range: limitKw 631"),
                Arguments.of("{\"v\":1,\"id\":\"a\"," + ok + ",\"limitKw\":-1}", "out of range: limitKw -1"));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void aWrongCapIsRejectedWithItsReason(String payload, String reason) {
        Parsed<CapCommand> p = parse(payload);
        assertThat(p).isInstanceOf(Parsed.Bad.class);
        assertThat(((Parsed.Bad<CapCommand>) p).reason()).contains(reason);
    }

    @Test
    void anOversizedPayloadIsRejectedBeforeItIsRead() {
        byte[] big = ("{\"v\":1,\"id\":\"a\",\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Parsed<CapCommand> p = parser.parse(big, NOW);
        assertThat(((Parsed.Bad<CapCommand>) p).reason()).startsWith("oversized: " + big.length + " bytes");
    }

    @Test
    void theIdOfARejectedCapIsKeptForTheReply() {
        Parsed<CapCommand> p = parse("{\"v\":1,\"id\":\"cap-9\",\"from\":\"x\"}");
        assertThat(((Parsed.Bad<CapCommand>) p).id()).isEqualTo("cap-9");
    }

    private Parsed<CapCommand> parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
