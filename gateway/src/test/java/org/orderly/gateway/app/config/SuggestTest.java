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
}
