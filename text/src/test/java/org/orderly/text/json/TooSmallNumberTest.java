package org.orderly.text.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A number that is not zero but that a double holds as 0 is found where it is, said as sent; a zero however written,
 * and a small number a double does hold, are not.
 */
class TooSmallNumberTest {
    private static final ObjectMapper JSON = StrictJson.mapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"amps\":1e-400}                | \"amps\": 1e-400 (line 1, column 9)",
            "{\"a\":{\"b\":[1,-0.00001E-320]}} | -0.00001E-320 (line 1, column 14)",
    })
    void aNumberReadAsZeroIsSaidAsSentAndWhere(String text, String said) throws java.io.IOException {
        assertSaid(text, said);
    }

    @Test
    void itsPlaceIsCountedInLines() throws java.io.IOException {
        assertSaid("{\"a\":0.0,\n \"b\":2.5e-999}", "\"b\": 2.5e-999 (line 2, column 6)");
    }

    private static void assertSaid(String text, String said) throws java.io.IOException {
        String expected = said + " is too small a number to hold: it would be read as 0";
        assertThat(TooSmallNumber.in(JSON.readTree(text), JSON, text).map(TooSmallNumber::said)).contains(expected);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(TooSmallNumber.in(JSON.readTree(bytes), JSON, bytes).map(TooSmallNumber::said)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":0.0}", "{\"a\":-0e-400}", "{\"a\":0.000E5}", "{\"a\":4.9e-324}", "{\"a\":0}",
            "{\"a\":[1e-300,\"1e-400\"]}"})
    void aZeroOrANumberADoubleHoldsIsLetBe(String text) throws java.io.IOException {
        assertThat(TooSmallNumber.in(JSON.readTree(text), JSON, text)).isEqualTo(Optional.empty());
    }
}
