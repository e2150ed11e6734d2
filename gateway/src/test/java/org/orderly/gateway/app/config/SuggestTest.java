package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
    @Test
    void suggestsCloseNamesOnly() {
        List<String> keys = List.of("limitKw", "phaseLimitA", "phaseVoltageV");
        assertThat(Suggest.closest("limitkw", keys)).contains("limitKw");
        assertThat(Suggest.closest("phaseVoltage", keys)).contains("phaseVoltageV");
        assertThat(Suggest.closest("tpc", List.of("tcp", "serial"))).contains("tcp");
        assertThat(Suggest.closest("colour", keys)).isEmpty();
    }

    @Test
    void aNameResemblesAnotherThatItHoldsWholeOrThatHoldsIt() {
        assertThat(Suggest.resembles("maxAmps", "maxA")).isTrue();
        assertThat(Suggest.resembles("voltage", "phaseVoltageV")).isTrue();
        assertThat(Suggest.resembles("maxa", "maxA")).as("near, as for closest").isTrue();
        assertThat(Suggest.resembles("note", "maxA")).isFalse();
        assertThat(Suggest.resembles("id", "pileId")).as("two letters held are no likeness").isFalse();
    }
}
