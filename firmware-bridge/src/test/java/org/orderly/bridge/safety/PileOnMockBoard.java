package org.orderly.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.platform.MockPlatform;
import java.time.Duration;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pilot.Pi4jControlPilot;
import org.orderly.bridge.pilot.Pi4jPilotPins;
import org.orderly.bridge.sense.Mcp3008;
import org.orderly.bridge.sense.Mcp3008Wiring;
import org.orderly.bridge.sense.PilotBurst;
import org.orderly.bridge.sense.PilotCalibration;
import org.orderly.bridge.sense.SensedVehicle;
import org.orderly.bridge.testing.BreakablePwms;
import org.orderly.bridge.testing.BreakableRelays;
import org.orderly.bridge.testing.CarOnThePilot;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.testing.ScriptedInputs;
import org.orderly.bridge.testing.ScriptedMcp3008;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A pile on Pi4J's mock board, stepped by hand: the pilot's PWM and relay are the board's, the car is read on the
 * pilot ({@link SensedVehicle} over a {@link ScriptedMcp3008} in virtual time, the car's line following the board's
 * PWM as {@link CarOnThePilot}'s), and the board has digital inputs for a residual current monitor and a contactor's
 * feedback; its PWM and its relay's output can be broken ({@link BreakablePwms}, {@link BreakableRelays}). The pile's
 * tick never runs: whatever the relay does, a burst sensed, a pin driven or a check made it do.
 */
final class PileOnMockBoard implements AutoCloseable {
    static final int RCM_PIN = 22;
    static final int FEEDBACK_PIN = 23;

    final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    final BreakablePwms pwms = new BreakablePwms();
    final BreakableRelays relays = new BreakableRelays();
    final ScriptedMcp3008 adc = ScriptedMcp3008.virtualTime(0, Duration.ofNanos(20_000));
    final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(pwms, relays,
                    new ScriptedInputs(), adc)
            .build();
    final Pi4jControlPilot pilot = new Pi4jControlPilot(pi4j, Pi4jPilotPins.iec(18, 17));
    final SensedVehicle car = new SensedVehicle("P1", new PilotBurst(new Mcp3008(pi4j, Mcp3008Wiring.reference()),
            PilotCalibration.reference(), adc.time(), Duration.ofMillis(2).plusNanos(500_000)), 3);
    final Pile pile;

    PileOnMockBoard() {
        plug(false);
        pile = new Pile(PileConfig.homePile("P1"), pilot, car, clock, clock, clock);
        car.onChange(pile::step);
    }

    /** Plugs the car in (or pulls it out); it is read on the pilot from the next burst. */
    void plug(boolean plugged) {
        adc.line(CarOnThePilot.line(plugged, () -> pi4j.registry().get("control-pilot", Pwm.class)));
    }

    /** Plugs the car in and grants 16 A: the car charges in C, the relay closed. */
    void charge() {
        plug(true);
        sense(3);
        pile.grant(16.0, Duration.ofMinutes(10));
        sense(3);
        assertThat(pile.status().state()).as("charging").isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).as("relay closed while charging").isTrue();
    }

    /** {@code bursts} readings of the pilot, as the sensing thread makes them. */
    void sense(int bursts) {
        for (int i = 0; i < bursts; i++) {
            car.sense();
        }
    }

    /** The board's input {@code pin}, to drive or break. */
    ScriptedInputs.Input input(int pin) {
        return pi4j.registry().allByType(DigitalInput.class).values().stream()
                .filter(input -> input.address().intValue() == pin).map(ScriptedInputs.Input.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no input on pin " + pin));
    }

    @Override
    public void close() {
        pile.close();
        pi4j.shutdown();
    }
}
