package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.config.ControlConfig;
import org.orderly.gateway.core.time.TimeScale;

class SampleHoldsTest {

    @Test
    void theDefaultHoldsAreTheDefaultConfigurations() {
        // A test's recorder uses DEFAULT; a gateway uses of(its configuration): the two agree when the configuration
        // leaves the control section out (ConfigLoaderTest pins that it reads ControlConfig.DEFAULT). A reading's hold
        // is its cycle's stale age, which the cycle's result says (MeteredDrawMinutesTest).
        assertThat(SampleHolds.DEFAULT).isEqualTo(SampleHolds.of(ControlConfig.DEFAULT, TimeScale.REAL));
        assertThat(SampleHolds.DEFAULT.pileReport()).isEqualTo(ControlConfig.DEFAULT.pileOfflineAfter());
        assertThat(SampleHolds.DEFAULT.cycle()).isEqualTo(ControlLoop.overdueAfter(ControlConfig.DEFAULT.period()));
        assertThat(SampleHolds.DEFAULT).as("the defaults as docs/operations.md states them")
                .isEqualTo(new SampleHolds(Duration.ofSeconds(70), ControlLoop.overdueAfter(Duration.ofSeconds(1))));
    }
}
