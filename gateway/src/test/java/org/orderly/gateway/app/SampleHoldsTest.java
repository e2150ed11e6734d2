package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.config.ControlConfig;
import org.orderly.gateway.core.time.TimeScale;

class SampleHoldsTest {

    @Test
    void theDefaultHoldsAreTheDefaultConfigurations() {
        // CycleRecorder's constructors without holds use DEFAULT; a gateway uses of(its cycle's stale age, its
        // configuration): the two agree when the configuration leaves the control section out (ConfigLoaderTest pins
        // that it reads ControlConfig.DEFAULT, whose stale age the cycle is given).
        assertThat(SampleHolds.DEFAULT).isEqualTo(SampleHolds.of(ControlConfig.DEFAULT.staleAfter(), ControlConfig.DEFAULT,
                TimeScale.REAL));
        assertThat(SampleHolds.DEFAULT.meterReading()).isEqualTo(ControlConfig.DEFAULT.staleAfter());
        assertThat(SampleHolds.DEFAULT.pileReport()).isEqualTo(ControlConfig.DEFAULT.pileOfflineAfter());
        assertThat(SampleHolds.DEFAULT.cycle()).isEqualTo(ControlLoop.overdueAfter(ControlConfig.DEFAULT.period()));
        assertThat(SampleHolds.DEFAULT).as("the defaults as docs/operations.md states them")
                .isEqualTo(new SampleHolds(Duration.ofSeconds(3), Duration.ofSeconds(70),
                        ControlLoop.overdueAfter(Duration.ofSeconds(1))));
    }
}
