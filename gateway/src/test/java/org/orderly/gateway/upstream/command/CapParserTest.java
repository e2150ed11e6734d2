package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.text.SaidBack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a grid cap command can be wrong is rejected with a reason that names what is wrong. */
class CapParserTest {
    private static final Instant NOW = Instant.parse(CapSamples.NOW);
    private final CapParser parser = new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE);

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

    /**
     * The contract says the number 1: a number near it is another version, though a double reads
     * {@code 1.0000000000000000001} as 1 (until 2026-12-06 it was taken as version 1).
     */
    @Test
    void aVersionNearOneIsNotOne() {
        Parsed<CapCommand> p = parse("{\"v\":1.0000000000000000001,\"id\":\"cap-1\",\"from\":\"2026-11-29T18:00:00Z\","
                + "\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":400}");
        assertThat(reason(p)).isEqualTo("v: version 1.0000000000000000001 is not supported; this gateway speaks 1");
    }

    /**
     * A limit too small for a double to hold is refused saying it as sent, not taken as a cap of 0 kW, which would
     * stop every pile: until 2026-12-06 {@code 1e-400} was read as 0 and the cap accepted. A zero written small is 0.
     */
    @Test
    void aLimitTooSmallToHoldIsRefusedNotACapOfZero() {
        String payload = "{\"v\":1,\"id\":\"cap-1\",\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\","
                + "\"limitKw\":1e-400}";
        assertThat(reason(parse(payload))).isEqualTo("out of range: \"limitKw\": 1e-400 (line 1, column "
                + (payload.indexOf("1e-400") + 1) + ") is too small a number to hold: it would be read as 0");
        assertThat(parse(payload.replace("1e-400", "0.0e-400"))).isInstanceOf(Parsed.Ok.class);
    }

    /**
     * A limit too small written long is said back cut as the command's other text is, at {@value SaidBack#COMMAND_MAX}
     * characters: until 2026-12-06 it was cut at 40.
     */
    @Test
    void aLimitTooSmallWrittenLongIsCutAsTheCommandsText() {
        String number = "0." + "0".repeat(100) + "1e-400";
        String payload = "{\"v\":1,\"id\":\"cap-1\",\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\","
                + "\"limitKw\":" + number + "}";
        assertThat(reason(parse(payload))).isEqualTo("out of range: \"limitKw\": " + number.substring(0, SaidBack.COMMAND_MAX)
                + "... (line 1, column " + (payload.indexOf(number) + 1) + ") is too small a number to hold: it would be read as 0");
    }

    /**
     * A number read as written whose exponent no number holds is refused as sent and where; Java's NumberFormatException
     * (its class names, no place) is not the reason, nor does it escape the reading.
     */
    @Test
    void aNumberWithAnExponentBeyondHoldingIsOutOfRange() {
        String payload = "{\"v\":1,\"id\":\"cap-1\",\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\","
                + "\"limitKw\":-4e9999999999}";
        assertThat(reason(parse(payload))).isEqualTo("out of range: \"limitKw\": -4e9999999999 (line 1, column "
                + (payload.indexOf("-4e") + 1) + ") has an exponent beyond what a number holds");
    }

    static Stream<Arguments> wrong() {
        return CapSamples.wrong().stream().map(w -> Arguments.of(w.payload(), w.reason()));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void aWrongCapIsRejectedWithItsReason(String payload, String reason) {
        Parsed<CapCommand> p = parse(payload);
        assertThat(p).isInstanceOf(Parsed.Bad.class);
        assertThat(((Parsed.Bad<CapCommand>) p).reason()).contains(reason);
    }

    /**
     * A {@code v} of another kind or number is said back cut as the command's other text is (80 characters, then
     * {@code ...}): until 2026-12-06 it was said whole, a 3,000-character string or a 999-digit number in the reason and
     * the WARN, where every other field's was cut.
     */
    @Test
    void aWrongVersionIsSaidBackCutShort() {
        String window = "\"id\":\"a\",\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\",\"limitKw\":1}";
        String text = reason(parse("{\"v\":\"" + "A".repeat(3000) + "\"," + window));
        assertThat(text).isEqualTo("v: must be the number 1, not \"" + "A".repeat(79) + "...");
        String list = reason(parse("{\"v\":[" + "1,".repeat(1000) + "1]," + window));
        assertThat(list).isEqualTo("v: must be the number 1, not [" + "1,".repeat(39) + "1...");
        String digits = reason(parse("{\"v\":" + "9".repeat(999) + "," + window));
        assertThat(digits).isEqualTo("v: version " + "9".repeat(80) + "... is not supported; this gateway speaks 1");
    }

    private static String reason(Parsed<CapCommand> p) {
        assertThat(p).isInstanceOf(Parsed.Bad.class);
        return ((Parsed.Bad<CapCommand>) p).reason();
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
