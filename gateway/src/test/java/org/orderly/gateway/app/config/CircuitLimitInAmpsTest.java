package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An installer reads a sub-board's breaker in amperes and writes its rating as the circuit's limit: the line says a
 * circuit's limit is a power, {@code limitKw}, and what the breaker's current comes to in kW. Until 2026-12-05
 * {@code limitA: 40} was told {@code did you mean 'limitKw'?}, which led to {@code limitKw: 40} (40 kW for a 40 A
 * breaker, 4.3 times a single-phase one's 9.2 kW), and {@code maxA: 40} was an unknown key beside a missing limitKw.
 */
class CircuitLimitInAmpsTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    /** What the installer wrote in place of limitKw, and the advice on it after the line's common opening. */
    static Stream<Arguments> currentsWritten() {
        String forty = "for a 40 A breaker write limitKw: 9.2 on one phase (40 A x 230 V), 27.6 on three";
        return Stream.of(
                Arguments.of("limitA: 40", "limitA", forty),
                Arguments.of("maxA: 40", "maxA", forty),
                Arguments.of("breakerAmps: 63 A", "breakerAmps",
                        "for a 63 A breaker write limitKw: 14.49 on one phase (63 A x 230 V), 43.47 on three"),
                Arguments.of("limitA: forty", "limitA",
                        "write the breaker's current x the phase voltage / 1000 (x 3 for a three-phase circuit)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentsWritten")
    void aCircuitsLimitInAmperesIsToldItIsAPowerAndWhatItComesTo(String written, String key, String advice) throws Exception {
        String text = Files.readString(RESOURCES.resolve("valid.yaml"))
                .replaceFirst("\\{ id: garage, limitKw: 40 }", "{ id: garage, " + written + " }");
        assertThat(text).contains("{ id: garage, " + written + " }");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("t.yaml", text, RESOURCES.resolve("devices"), RESOURCES));
        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly("t.yaml:5:21: unknown key '" + key + "' in compound.circuits[0]: a "
                + "circuit's limit is a power, limitKw, the EV load its breaker allows, not a current; " + advice
                + "; known keys: id, limitKw, parent");
    }
}
