package org.orderly.bridge.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the Pi4J implementation against Pi4J 2's mock plugin: the real Pi4J API, no hardware. */
class Pi4jControlPilotTest {

    private Context pi4j;
    private Pi4jControlPilot pilot;

    @BeforeEach
    void mockBoard() {
        pi4j = Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockPwmProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        pilot = new Pi4jControlPilot(pi4j, Pi4jPilotPins.iec(18, 17));
    }

    @AfterEach
    void shutdown() {
        pilot.close();
        pi4j.shutdown();
    }

    private Pwm pwm() {
        return pi4j.registry().get("control-pilot", Pwm.class);
    }

    private DigitalOutput relay() {
        return pi4j.registry().get("contactor-relay", DigitalOutput.class);
    }

    @Test
    void startsSafeRelayOpenAndStandby() {
        assertThat(relay().isHigh()).isFalse();
        assertThat(pwm().isOn()).isTrue();
        assertThat(pwm().getDutyCycle()).isEqualTo(100.0f);
        assertThat(pwm().frequency()).isEqualTo(1000);
    }

    @Test
    void anOfferSetsTheDutyCycleAndTheRelayFollows() {
        pilot.signal(PilotMapping.signalFor(16.0));
        pilot.relay(true);
        assertThat((double) pwm().getDutyCycle()).isCloseTo(26.666667, within(1e-4));
        assertThat(pilot.outputDutyPercent()).isCloseTo(26.666667, within(1e-4));
        assertThat(relay().isHigh()).isTrue();
        assertThat(pilot.relayClosed()).isTrue();

        pilot.signal(PilotMapping.signalFor(80.0));
        assertThat(pwm().getDutyCycle()).isEqualTo(96.0f);
    }

    @Test
    void faultDrivesSteadyLowAndCloseLeavesItSafe() {
        pilot.relay(true);
        pilot.signal(new PilotSignal.Fault("overtemperature"));
        assertThat(pilot.outputDutyPercent()).isZero();

        pilot.close();
        assertThat(relay().isHigh()).isFalse();
        assertThat(pwm().getDutyCycle()).isEqualTo(100.0f);
        assertThat(pilot.currentSignal()).isEqualTo(new PilotSignal.Standby());
    }
}
