package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A decimal comma in a flow mapping, {@code price: 0,49}, reads in YAML as {@code price: 0} and a key {@code 49}: the
 * unknown key's line says what was probably meant. Until 2026-12-03 it said only {@code unknown key '49' in
 * tariff.periods[1]; known keys: ...}.
 */
class DecimalCommaTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");
    /** A tariff for the files whose only problem is elsewhere. */
    private static final String FLAT = """
            tariff:
              periods:
                - { from: "00:00", to: "24:00", price: 0.3 }
            """;

    @Test
    void aKeyOfDigitsAfterANumberIsToldTheNumberWithAPoint() {
        assertThat(problems("""
                tariff:
                  periods:
                    - { from: "00:00", to: "07:00", price: 0.31 }
                    - { from: "07:00", to: "24:00", price: 0,49 }
                """)).containsExactly("t.yaml:13:46: unknown key '49' in tariff.periods[1]; a decimal comma? write 0.49;"
                + " known keys: from, to, price");
    }

    @Test
    void aKeyOfDigitsElsewhereIsToldToo() {
        assertThat(problems("""
                tariff:
                  periods:
                    - { 49: 1, from: "00:00", to: "24:00", price: 1 }
                """)).singleElement().asString().contains("unknown key '49' in tariff.periods[0]; a decimal comma? write the"
                + " number with a point, 0.49 not 0,49; known keys: ");
    }

    @Test
    void anUnknownKeyOfLettersHasNoSuchHint() {
        assertThat(problems("""
                tariff:
                  periods:
                    - { from: "00:00", to: "24:00", price: 1, cost: 2 }
                """)).singleElement().asString().doesNotContain("decimal comma");
    }

    /**
     * A whole-number key split at its decimal comma ({@code unit: 1,5} in a flow mapping): one line, at the digits, saying
     * the key takes a whole number. Until 2026-12-06 it was {@code unknown key '5' in meters.transformer; a decimal
     * comma? write 1.5; ...}, advice the key then refused, and {@code unit: 1} was taken.
     */
    @Test
    void aWholeNumberKeySplitAtADecimalCommaIsToldItTakesAWholeNumber() {
        assertThat(problems(ConfigLoaderTest.MINIMAL.replace("unit: 1,", "unit: 1,5,"), FLAT)).containsExactly(
                "t.yaml:7:34: 'unit' in meters.transformer must be a whole number, was 1,5 (read as unit: 1 and a key"
                        + " '5'); a decimal comma? the key takes a whole number, with no fraction (no comma or point) and"
                        + " no thousands separator; the meter's Modbus unit (slave) id, 1..247; 0 is broadcast");
    }

    /** A port out of range once split ({@code port: 0,5}) is said once, as the comma, not as the range. */
    @Test
    void aSplitPortIsOneLine() {
        assertThat(problems(ConfigLoaderTest.MINIMAL.replace("plain: true", "plain: true, port: 0,5"), FLAT))
                .singleElement().asString().startsWith("t.yaml:5:84: 'port' in compound.piles[0].driver.coap must be a whole"
                        + " number, was 0,5 (read as port: 0 and a key '5'); a decimal comma? the key takes a whole number");
    }

    /**
     * On a line of its own the value is the text {@code 1,5}: the line says so, and that the key takes a whole number.
     * Until 2026-12-06 it gave no hint of the comma: {@code must be a whole number (ms), was '1,5'; how long to wait...}.
     */
    @Test
    void aWholeNumberWithADecimalCommaOnItsOwnLineIsToldItTakesAWholeNumber() {
        assertThat(problems(blockTiming("timeoutMs: 1,5"), FLAT)).containsExactly("t.yaml:12:18: 'timeoutMs' in"
                + " buses[0].timing must be a whole number (ms), was '1,5'; a decimal comma? the key takes a whole number,"
                + " with no fraction (no comma or point) and no thousands separator; how long to wait for an answer, e.g."
                + " 300");
    }

    /** A decimal point in a whole-number key says what was given, where, and that it takes a whole number. */
    @Test
    void aWholeNumberWithADecimalPointIsToldItTakesAWholeNumber() {
        assertThat(problems(blockTiming("timeoutMs: 1.5"), FLAT)).containsExactly("t.yaml:12:18: 'timeoutMs' in"
                + " buses[0].timing must be a whole number (ms), was '1.5'; how long to wait for an answer, e.g. 300");
    }

    /** A number key given 0,49 on a line of its own: the number with a point, as in a flow mapping. */
    @Test
    void aNumberWithADecimalCommaOnItsOwnLineIsToldTheNumberWithAPoint() {
        assertThat(problems(ConfigLoaderTest.MINIMAL, """
                tariff:
                  periods:
                    - from: "00:00"
                      to: "24:00"
                      price: 0,49
                """)).singleElement().asString().startsWith("t.yaml:14:14: 'price' in tariff.periods[0] must be a number"
                + " (per kWh), was '0,49'; a decimal comma? write 0.49; ");
    }

    /** MINIMAL with its bus written in block style, its timing given {@code timing}. */
    private static String blockTiming(String timing) {
        return ConfigLoaderTest.MINIMAL.replace("  - { name: b, serial: { port: /dev/ttyS0 } }\n", """
                  - name: b
                    serial: { port: /dev/ttyS0 }
                    timing:
                      %s
                """.formatted(timing));
    }

    private static java.util.List<String> problems(String file, String more) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("t.yaml", file + more, DEVICES, RESOURCES));
        assertThat(e).as("refused").isNotNull();
        return e.problems();
    }

    private static java.util.List<String> problems(String tariff) {
        return problems(ConfigLoaderTest.MINIMAL, tariff);
    }
}
