package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.ClockFloor;

/**
 * A command that is not one JSON object is rejected with one line the grid company's operators can read: what is
 * wrong and where, not Jackson's text (its redacted source, its class and setting names).
 */
class MalformedReasonTest {
    private static final Instant NOW = Instant.parse(CapSamples.NOW);
    private final CapParser caps = new CapParser("gw-1", CommandLimits.DEFAULT, 630, ClockFloor.NONE);
    private final HistoryParser history = new HistoryParser("gw-1", CommandLimits.DEFAULT, ClockFloor.NONE);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"v\":1,}|malformed: unexpected character ('}' (code 125)): was expecting double-quote to start field"
                    + " name at line 1, column 8",
            "{|malformed: the text ends before the JSON object does at line 1, column 2",
            "{\"v\":1,\"id\":|malformed: the text ends before the JSON object does at line 1, column 13",
            "{\"v\":1} {\"v\":2}|malformed: more after the JSON object at line 1, column 9",
            "{\"v\":1,\"id\":\"a\",\"id\":\"b\"}|malformed: the object gives \"id\" twice at line 1, column 21",
            "`{\"v\":1,\n\"id\":tru}`|malformed: unrecognized token 'tru': was expecting (JSON String, Number, Array,"
                    + " Object or token 'null', 'true' or 'false') at line 2, column 6",
            // Jackson's advice on its own settings is not said: the writer of the command cannot turn them on.
            "{\"v\":NaN}|malformed: non-standard token 'NaN' at line 1, column 9",
            "{\"v\":+1}|malformed: unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow"
                    + " numbers to have plus signs at line 1, column 7",
            "{\"v\":1,/**/}|malformed: unexpected character ('/' (code 47)): maybe a (non-standard) comment? at line 1,"
                    + " column 8"})
    void aCommandThatIsNotJsonSaysWhatIsWrongAndWhere(String payload, String reason) {
        assertThat(capReason(payload)).isEqualTo(reason);
        assertThat(historyReason(payload)).isEqualTo(reason);
    }

    @Test
    void aLongTokenIsSaidBackCutAsTheCommandsOwnTextIs() {
        String token = "x".repeat(300);
        String reason = capReason("{\"v\":" + token + "}");
        assertThat(reason).startsWith("malformed: unrecognized token '" + "x".repeat(80) + "...'")
                .doesNotContain("x".repeat(81)).endsWith(" at line 1, column 6");
    }

    /**
     * A command beyond one of the JSON reader's own limits (a number of more than 1000 digits, nesting deeper than
     * 1000) says which in our words, without a place since the reader gives none. Until 2026-12-03 the reason was
     * Jackson's text, naming its class and setting ({@code (1000, from `StreamReadConstraints.getMaxNumberLength()`)}).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1001|0|malformed: a number of more than 1000 digits",
            "1|1001|malformed: nesting deeper than 1000 arrays and objects"})
    void aCommandBeyondTheReadersLimitsSaysWhichLimitInOurWords(int digits, int depth, String reason) {
        String payload = "{\"v\":" + "[".repeat(depth) + "1".repeat(digits) + "]".repeat(depth) + "}";
        assertThat(payload.length()).as("within the command's size").isLessThan(CommandLimits.DEFAULT.maxPayloadBytes());
        assertThat(capReason(payload)).isEqualTo(reason);
        assertThat(historyReason(payload)).isEqualTo(reason);
    }

    /**
     * A command in UTF-16 or UTF-32 is malformed, as the contract asks for UTF-8 (RFC 8259, section 8.1), whatever byte
     * order mark it has; a UTF-8 one's is let be, as that section allows. Until 2026-12-06 Jackson's guess at the
     * encoding read such a cap and it was applied, where the WARN's payload and any other reader on the grid side saw
     * zero bytes.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "UTF-16|with a UTF-16BE byte order mark",
            "UTF-16LE|like UTF-16LE text",
            "UTF-16BE|like UTF-16BE text",
            "UTF-32LE|like UTF-32LE text"})
    void aCommandInAnotherEncodingThanUtf8IsMalformed(String charset, String starts) {
        String cap = "{\"v\":1,\"id\":\"c-16\",\"from\":\"2026-11-29T18:00:00Z\",\"to\":\"2026-11-29T21:00:00Z\","
                + "\"limitKw\":400}";
        Parsed<CapCommand> p = caps.parse(cap.getBytes(java.nio.charset.Charset.forName(charset)), NOW);
        assertThat(p).as(charset).isInstanceOf(Parsed.Bad.class);
        assertThat(((Parsed.Bad<CapCommand>) p).reason()).isEqualTo("malformed: not UTF-8: the payload starts " + starts
                + "; JSON must be UTF-8 (RFC 8259, section 8.1)");
        assertThat(((Parsed.Bad<CapCommand>) p).id()).as("the id, for the reply").isEqualTo("c-16");
        assertThat(caps.parse(("\uFEFF" + cap).getBytes(StandardCharsets.UTF_8), NOW)).as("UTF-8 with its mark")
                .isInstanceOf(Parsed.Ok.class);
    }

    private String capReason(String payload) {
        Parsed<CapCommand> p = caps.parse(payload.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(p).as(payload).isInstanceOf(Parsed.Bad.class);
        return ((Parsed.Bad<CapCommand>) p).reason();
    }

    private String historyReason(String payload) {
        Parsed<HistoryRequest> p = history.parse(payload.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(p).as(payload).isInstanceOf(Parsed.Bad.class);
        return ((Parsed.Bad<HistoryRequest>) p).reason();
    }
}
