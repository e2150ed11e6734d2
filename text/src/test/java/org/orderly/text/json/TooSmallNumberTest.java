package org.orderly.text.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict mapper refuses a number that is not zero but that a double holds as 0, saying it as sent and where, read
 * as a tree or as a record, from a String or bytes; a zero however written, and a small number a double does hold, are
 * read.
 */
class TooSmallNumberTest {
    private static final ObjectMapper JSON = StrictJson.mapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"amps\":1e-400}                | \"amps\": 1e-400 (line 1, column 9)",
            "{\"a\":{\"b\":[1,-0.00001E-320]}} | -0.00001E-320 (line 1, column 14)",
    })
    void aNumberReadAsZeroIsSaidAsSentAndWhere(String text, String said) {
        assertSaid(JSON, text, said);
    }

    @Test
    void itsPlaceIsCountedInLines() {
        assertSaid(JSON, "{\"a\":0.0,\n \"b\":2.5e-999}", "\"b\": 2.5e-999 (line 2, column 6)");
    }

    /** A record's field, read by databind rather than as a tree, is refused alike: it was read as 0 until 2026-12-06. */
    @Test
    void aRecordsFieldIsRefusedToo() {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> JSON.readValue("{\"amps\": 1e-400}", Amps.class));
        assertThat(TooSmallNumber.of(e).map(TooSmallNumber::said))
                .contains("\"amps\": 1e-400 (line 1, column 10) is too small a number to hold: it would be read as 0");
    }

    record Amps(double amps) {
    }

    /**
     * Said back cut as the mapper's reader says a client's text: at 40 characters by default, at what it is made with
     * otherwise (an upstream command's 80; until 2026-12-06 a command's was cut at 40).
     */
    @Test
    void itIsCutAsTheMappersOtherRefusals() {
        String number = "0." + "0".repeat(90) + "1e-400";
        String text = "{\"a\":" + number + "}";
        assertSaid(JSON, text, "\"a\": " + number.substring(0, 40) + "... (line 1, column 6)");
        assertSaid(StrictJson.mapper(80), text, "\"a\": " + number.substring(0, 80) + "... (line 1, column 6)");
    }

    @Test
    void refusalSaysItOnOneLine() {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> JSON.readTree("{\"a\":1e-400}"));
        assertThat(JsonRefusal.of(e)).isEqualTo("\"a\": 1e-400 is too small a number to hold: it would be read as 0"
                + " at line 1, column 6");
    }

    private static void assertSaid(ObjectMapper mapper, String text, String said) {
        String expected = said + " is too small a number to hold: it would be read as 0";
        JsonProcessingException fromText = catchThrowableOfType(JsonProcessingException.class, () -> mapper.readTree(text));
        assertThat(TooSmallNumber.of(fromText).map(TooSmallNumber::said)).contains(expected);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonProcessingException fromBytes = catchThrowableOfType(JsonProcessingException.class, () -> mapper.readTree(bytes));
        assertThat(TooSmallNumber.of(fromBytes).map(TooSmallNumber::said)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":0.0}", "{\"a\":-0e-400}", "{\"a\":0.000E5}", "{\"a\":4.9e-324}", "{\"a\":0}",
            "{\"a\":[1e-300,\"1e-400\"]}"})
    void aZeroOrANumberADoubleHoldsIsRead(String text) throws java.io.IOException {
        assertThat(JSON.readTree(text)).isNotNull();
        assertThat(Optional.of(JSON.readTree(text.getBytes(StandardCharsets.UTF_8)))).isPresent();
    }
}
