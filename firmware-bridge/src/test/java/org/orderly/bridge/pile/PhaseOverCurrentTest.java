package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.meter.MeterReading;
import org.orderly.bridge.meter.MeterValues;
import org.orderly.bridge.meter.MeteredVehicle;
import org.orderly.bridge.pilot.Pi4jControlPilot;
import org.orderly.bridge.pilot.Pi4jPilotPins;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * On a three-phase pile, a car that overloads one phase: with a pile meter that reads the phase currents, the
 * over-current check takes the most loaded phase's, and trips after the grace; with one that does not, it keeps the
 * estimate from the power spread over the phases, which does not see it. The simulated car plugged in and charging
 * under a 10 A offer, metered ({@link MeteredVehicle}) by a meter whose answer the test sets; on Pi4J's mock board, the
 * time on a {@link MutableClock}, the pile stepped each second as its tick does. Until 2026-12-04 the estimate was all:
 * 16 A on phase 1 and 6 A on the others (9.33 A a phase spread) charged on under 10 A.
 */
class PhaseOverCurrentTest {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final double VOLTS = 220.0;
    /** 16 A on phase 1, 6 A on phases 2 and 3: 6.16 kW, 9.33 A a phase spread, under the 11.55 A a 10 A offer allows. */
    private static final List<Double> ONE_PHASE_OVERLOADED = List.of(16.0, 6.0, 6.0);

    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(MockPwmProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final AtomicReference<MeterReading> meter = new AtomicReference<>(MeterReading.NONE);
    private final Pi4jControlPilot pilot = new Pi4jControlPilot(pi4j, Pi4jPilotPins.iec(18, 17));
    private final Pile pile = new Pile(new PileConfig("P3", FirmwareVersion.ofThisBuild(), 6.0, 32.0, 3, VOLTS, 6.0),
            pilot, new MeteredVehicle(car, meter::get), clock, clock, clock);

    @AfterEach
    void stop() {
        pile.close();
        pi4j.shutdown();
    }

    /** The meter's answer for {@link #ONE_PHASE_OVERLOADED}: its power, and its currents if it reads them. */
    private void chargeAt10AWhileTheMeterReads(boolean phaseCurrents) {
        double kw = ONE_PHASE_OVERLOADED.stream().mapToDouble(a -> a * VOLTS / 1000.0).sum();
        meter.set(new MeterReading(true, Optional.of(new MeterValues(kw, 100.0, 0.0,
                phaseCurrents ? ONE_PHASE_OVERLOADED : List.of()))));
        car.plugIn();
        pile.grant(10.0, Duration.ofHours(1));
        assertThat(pile.status().state()).as("charging").isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).as("relay while charging").isTrue();
        assertThat(pile.status().powerKw()).as("the meter's power").isEqualTo(6.16);
    }

    private void tick(Duration passed) {
        for (Duration t = Duration.ZERO; t.compareTo(passed) < 0; t = t.plus(TICK)) {
            clock.advance(TICK);
            pile.step();
        }
    }

    @Test
    void oneOverloadedPhaseReadByTheMeterTripsThePileAfterTheGrace() {
        chargeAt10AWhileTheMeterReads(true);
        pile.step(); // the relay closed, the pilot at 10 A: the grace begins

        tick(OverCurrentWatch.GRACE.minus(TICK));
        assertThat(pilot.relayClosed()).as("relay within the grace").isTrue();

        tick(TICK);
        assertThat(pilot.relayClosed()).as("relay once the grace is over").isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(pile.status().fault()).hasValue("vehicle over current");
    }

    @Test
    void withoutPhaseCurrentsThePowerEstimateIsKept() {
        chargeAt10AWhileTheMeterReads(false);

        tick(Duration.ofMinutes(1));

        assertThat(pilot.relayClosed()).as("relay, 9.33 A a phase spread under 10 A").isTrue();
        assertThat(pile.status().fault()).isEmpty();
    }
}
