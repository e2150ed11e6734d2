package org.orderly.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A number said back as it was written: exactly, no {@code .0}, no exponent. */
class AsWrittenTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            16.0        | 16
            70          | 70
            0.001       | 0.001
            1e-4        | 0.0001
            13.75       | 13.75
            5.99        | 5.99
            99.0        | 99
            1e12        | 1000000000000
            -0.0        | 0
            -2.5        | -2.5
            NaN         | NaN
            Infinity    | Infinity
            """)
    void aNumberIsSaidAsWritten(double d, String said) {
        assertThat(AsWritten.number(d)).isEqualTo(said);
    }
}
