package org.orderly.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A current said as the page's ampsText says it (app.js: {@code num(v, 1).replace(/\.0$/, "")}). */
class AmpsTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0               | 10 A
            0                  | 0 A
            80                 | 80 A
            10.5               | 10.5 A
            13.6               | 13.6 A
            # toFixed(1) rounds the double's exact value: 10.25 is exact and goes up, 0.15 is 0.1499... and goes down
            10.25              | 10.3 A
            0.15               | 0.1 A
            16.300000000000001 | 16.3 A
            9.96               | 10 A
            # a current that rounds to nothing is 0, not -0
            -0.01              | 0 A
            -0.0               | 0 A
            NaN                | NaN A
            """)
    void aCurrentIsSaidToATenthWithoutItsPointZero(double amps, String said) {
        assertThat(Amps.of(amps)).isEqualTo(said);
    }
}
