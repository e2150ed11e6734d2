package org.orderly.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A number of things said with the noun's form for it. */
class CountTest {
    @Test
    void oneIsSingularEveryOtherNumberPlural() {
        assertThat(Count.of(1, "pile")).isEqualTo("1 pile");
        assertThat(Count.of(0, "pile")).isEqualTo("0 piles");
        assertThat(Count.of(2, "tariff period")).isEqualTo("2 tariff periods");
        assertThat(Count.of(1, "bus", "buses")).isEqualTo("1 bus");
        assertThat(Count.of(3, "bus", "buses")).isEqualTo("3 buses");
        assertThat(Count.word(1, "is", "are") + " " + Count.word(2, "is", "are")).isEqualTo("is are");
    }

    @Test
    void timesAreOnceThenCounted() {
        assertThat(Count.times(1)).isEqualTo("once");
        assertThat(Count.times(2)).isEqualTo("2 times");
        assertThat(Count.times(0)).isEqualTo("0 times");
    }
}
