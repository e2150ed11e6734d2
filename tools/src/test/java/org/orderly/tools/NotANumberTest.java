package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A word where a number goes on the command line is said in an installer's words, as the configuration says it
 * ({@code write the number alone, the unit is in the key's name}): until 2026-12-03 {@code orderly pile set 10A}
 * said {@code '10A' is not a double} and {@code selftest --wait-s 5s} {@code '5s' is not an int}, a programmer's
 * types. Nothing is sent or opened: the line does not parse.
 */
class NotANumberTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pile set 10A --coap 127.0.0.1 --plain|orderly pile set: Invalid value for positional parameter at index 0 (AMPS): "
                    + "'10A' is not a number; write the number alone, the unit is in its name (see 'orderly pile set --help')",
            "selftest --config x.yaml --wait-s 5s|orderly selftest: Invalid value for option '--wait-s': '5s' is not a whole "
                    + "number; write the number alone, the unit is in its name (see 'orderly selftest --help')",
            "modbus scan --host 127.0.0.1 --tcp-port abc|orderly modbus scan: Invalid value for option '--tcp-port': 'abc' is "
                    + "not a whole number (see 'orderly modbus scan --help')"})
    void aWordWhereANumberGoesIsOneLineInPlainWords(String commandLine, String expected) {
        OrderlyRun r = OrderlyRun.of(commandLine.split(" "));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(expected);
    }
}
