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

    private static java.util.List<String> problems(String tariff) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("t.yaml", ConfigLoaderTest.MINIMAL + tariff, DEVICES, RESOURCES));
        assertThat(e).as("refused").isNotNull();
        return e.problems();
    }
}
