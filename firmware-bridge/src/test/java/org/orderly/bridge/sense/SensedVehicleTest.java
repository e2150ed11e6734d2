package org.orderly.bridge.sense;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.meter.MeterReading;
import org.orderly.bridge.meter.MeteredVehicle;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pile.PlugIn;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.testing.PilotLine;
import org.orderly.bridge.testing.ScriptedMcp3008;
import org.orderly.bridge.vehicle.PlugInWatch;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * The sensed vehicle in a pile, stepped by hand: {@link SensedVehicle#sense()} is one burst, as the sensing thread
 * runs it every period; the pile's own tick never runs, so whatever the relay does here the sensing made it do. A new
 * state is taken after 3 bursts in a row; leaving C at the first.
 */
class SensedVehicleTest {

    private static final PilotLine UNPLUGGED = PilotLine.pwm(12.0, -12.0, 10);
    private static final PilotLine PLUGGED = PilotLine.pwm(9.0, -12.0, 26.67);
    private static final PilotLine CHARGING = PilotLine.pwm(6.0, -12.0, 26.67);

    private final ScriptedMcp3008 adc = ScriptedMcp3008.virtualTime(0, Duration.ofNanos(20_000)).line(UNPLUGGED);
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(adc).build();
    private final SensedVehicle car = new SensedVehicle("P1", new PilotBurst(new Mcp3008(pi4j, Mcp3008Wiring.reference()),
            PilotCalibration.reference(), adc.time(), Duration.ofMillis(2).plusNanos(500_000)), 3);
    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final InMemoryControlPilot pilot = new InMemoryControlPilot();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    /** A pile charging {@code vehicle}, stepped whenever the sensed state changes. */
    private Pile pile(Vehicle vehicle) {
        Pile pile = new Pile(PileConfig.homePile("P1"), pilot, vehicle, clock, clock, clock);
        car.onChange(pile::step);
        return pile;
    }

    /** {@code bursts} bursts whose SPI transfers fail (F once taken), the bus mended after. */
    private void senseUnreadable(int bursts) {
        adc.breakBus();
        sense(PLUGGED, bursts);
        adc.mendBus();
    }

    /** The pile says a car plugged in, and whether it is the one found at the start ({@code pluggedAtStart}). */
    private static void assertFoundAtStart(Pile pile, boolean atStart, String what) {
        assertThat(pile.status().pluggedIn()).as(what).hasValueSatisfying(
                p -> assertThat(p.atStart()).as(what + ": at the start").isEqualTo(atStart));
    }

    private void sense(PilotLine line, int bursts) {
        adc.line(line);
        for (int i = 0; i < bursts; i++) {
            car.sense();
        }
    }

    @Test
    void aNewStateIsTakenAfterThreeBurstsInARowAndThePileHearsOfIt() {
        Pile pile = pile(car);

        sense(PLUGGED, 2);
        assertThat(pile.status().state()).as("after 2 bursts").isEqualTo(VehicleState.A);
        sense(PLUGGED, 1);
        assertThat(pile.status().state()).as("after 3, without a tick").isEqualTo(VehicleState.B);

        for (int i = 0; i < 4; i++) { // a flickering pilot never reads one state three times in a row
            sense(UNPLUGGED, 2);
            sense(PLUGGED, 1);
        }
        assertThat(pile.status().state()).as("flickering").isEqualTo(VehicleState.B);
    }

    /**
     * The A a sensed vehicle begins with is not read: a car the first bursts find is the one plugged in at the bridge's
     * start ({@code pluggedAtStart}), one plugged in after the pilot read none is not.
     */
    @Test
    void aCarIsFoundPluggedInAtTheStartOnlyWhenThePilotReadNoneBefore() {
        Pile pile = pile(car);
        sense(PLUGGED, 3);
        assertFoundAtStart(pile, true, "the car the first bursts read");

        sense(UNPLUGGED, 3);
        sense(PLUGGED, 3);
        assertFoundAtStart(pile, false, "plugged in again");
    }

    /** With a pile meter (a real pile's {@code --meter-model} beside {@code --sense-pilot}) the same. */
    @Test
    void aMeteredSensedCarIsFoundPluggedInAtTheStartToo() {
        Pile pile = pile(new MeteredVehicle(car, () -> MeterReading.NONE));
        sense(PLUGGED, 3);
        assertFoundAtStart(pile, true, "the car the first bursts read, metered");
    }

    @Test
    void aCarPluggedInAfterThePilotReadNoneIsNotFoundAtTheStart() {
        Pile pile = pile(car);
        sense(UNPLUGGED, 3);
        pile.step(); // the pile's tick: no state changed, but the A it had is read now
        sense(PLUGGED, 3);
        assertFoundAtStart(pile, false, "a car plugged in after the pilot read none");
    }

    /**
     * A pilot noisy at the bridge's start: E or F read fewer times in a row than the debounce is never taken; taken, it
     * is the state (the status says it), but only A says the car left, so the car read next is still the one found at
     * the start (docs/firmware-bridge.md, {@code pluggedAtStart}).
     */
    @Test
    void anEOrFReadAtTheStartLeavesTheCarTheOneFoundThere() {
        Pile pile = pile(car);
        senseUnreadable(2);
        assertThat(pile.status().state()).as("an SPI failure for 2 bursts, not taken").isEqualTo(VehicleState.A);
        senseUnreadable(1);
        assertThat(pile.status().state()).as("for 3, taken").isEqualTo(VehicleState.F);
        sense(PilotLine.steady(0.0), 3);
        assertThat(pile.status().state()).as("then shorted to PE").isEqualTo(VehicleState.E);

        sense(PLUGGED, 3);
        assertFoundAtStart(pile, true, "the car read once the pilot reads again");
    }

    /** A read after an F at the start says the car left: the car read next was plugged in since. */
    @Test
    void anAReadAfterAnFAtTheStartSaysTheCarLeft() {
        Pile pile = pile(car);
        senseUnreadable(3);
        sense(UNPLUGGED, 3);
        sense(PLUGGED, 3);
        assertFoundAtStart(pile, false, "after F, then A");
    }

    /**
     * F after the car found at the start was read keeps its plug-in unless it lasts
     * {@link PlugInWatch#KEPT_THROUGH_FAULT} (until 2026-12-07 any F ended it, as an unplug does); a plug-in ended so
     * makes the next car one plugged in since.
     */
    @Test
    void aPlugInEndedByALongFMakesTheNextCarOnePluggedInSince() {
        Pile pile = pile(car);
        sense(PLUGGED, 3);
        senseUnreadable(3);
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);
        sense(PLUGGED, 3);
        assertFoundAtStart(pile, true, "after B, a short F");

        senseUnreadable(3);
        clock.advance(PlugInWatch.KEPT_THROUGH_FAULT);
        pile.step(); // the pile's tick, in F that long
        sense(PLUGGED, 3);
        assertFoundAtStart(pile, false, "after B, a long F");
    }

    /**
     * A car charging whose pilot reads E for one burst (a contactor's bounce, a spike): the relay opens at once, the
     * lease offering all along, and closes again once C is taken; the plug-in is the one before (docs/firmware-bridge.md,
     * "E or F under a plug-in"; until 2026-12-07 a new one, the gateway's session ended and another begun).
     */
    @Test
    void aGlitchToEWhileChargingOpensTheRelayAndKeepsThePlugIn() {
        Pile pile = pile(car);
        PlugIn plugIn = chargingThenOneBurstOfE(pile);
        assertThat(pile.status().state()).as("one burst of 0 V leaving C").isEqualTo(VehicleState.E);
        assertThat(pilot.relayClosed()).as("in E").isFalse();
        assertThat(pile.status().pluggedIn()).as("said in E").isEmpty();

        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).as("C taken again").isTrue();
        assertThat(pile.status().pluggedIn()).as("the plug-in before E").contains(plugIn);
        assertThat(pile.status().lastSession()).as("no session ended").isEmpty();
    }

    /** A car charging under 16 A on {@code pile}, then, 10 s on, one burst of 0 V: its plug-in, as said while charging. */
    private PlugIn chargingThenOneBurstOfE(Pile pile) {
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).as("charging").isTrue();
        PlugIn plugIn = pile.status().pluggedIn().orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        sense(PilotLine.steady(0.0), 1);
        return plugIn;
    }

    /** The same glitch with A read between: the car left, the next one is plugged in since. */
    @Test
    void anAReadBetweenEAndCIsANewPlugIn() {
        Pile pile = pile(car);
        PlugIn plugIn = chargingThenOneBurstOfE(pile);
        sense(UNPLUGGED, 3);
        sense(CHARGING, 3);
        assertThat(pile.status().pluggedIn()).as("a new plug-in").hasValueSatisfying(
                p -> assertThat(p.elapsedNanos()).isGreaterThan(plugIn.elapsedNanos()));
        assertThat(pile.status().lastSession()).as("ended by A").isPresent();
    }

    @Test
    void theRelayClosesOnlyOnceCIsTakenUnderAnOffer() {
        Pile pile = pile(car);
        pile.grant(0.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);
        assertThat(car.state()).isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).as("C in standby").isFalse();

        pile.grant(16.0, Duration.ofMinutes(5));
        assertThat(pilot.relayClosed()).as("C under 16 A").isTrue();
    }

    @Test
    void leavingCOpensTheRelayAtTheFirstBurstAndItClosesAgainOnlyAfterCIsTakenAgain() {
        Pile pile = pile(car);
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 2);
        assertThat(pilot.relayClosed()).as("C read twice").isFalse();
        sense(CHARGING, 1);
        assertThat(pilot.relayClosed()).as("C taken").isTrue();

        sense(PLUGGED, 1);
        assertThat(pilot.relayClosed()).as("B read once").isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.B);

        sense(CHARGING, 2);
        assertThat(pilot.relayClosed()).as("C read twice again").isFalse();
        sense(CHARGING, 1);
        assertThat(pilot.relayClosed()).as("C taken again").isTrue();
        assertThat(pilot.currentSignal().amps()).isEqualTo(16.0);
    }

    @Test
    void anUnreadablePilotOpensTheRelayAtOnceFromCAndIsF() {
        Pile pile = pile(car);
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).isTrue();

        adc.breakBus();
        car.sense();

        assertThat(pilot.relayClosed()).isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(car.lastReading()).isInstanceOf(PilotReading.Unreadable.class);

        adc.mendBus();
        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).as("reads C again").isTrue();
    }

    @Test
    void anSpiFailureOutsideCIsTakenLikeAnyStateAndReportedF() {
        Pile pile = pile(car);
        sense(PLUGGED, 3);

        adc.breakBus();
        sense(PLUGGED, 2);
        assertThat(pile.status().state()).isEqualTo(VehicleState.B);
        sense(PLUGGED, 1);
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);

        adc.mendBus();
        sense(PLUGGED, 3);
        assertThat(pile.status().state()).isEqualTo(VehicleState.B);
    }

    @Test
    void aMissingDiodeOrAVehicleAskingForVentilationOpensTheRelayAtOnceFromC() {
        Pile pile = pile(car);
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);

        sense(PilotLine.pwm(6.0, -5.62, 26.67), 1);
        assertThat(pilot.relayClosed()).as("no diode").isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.E);
        assertThat(car.lastReading()).isInstanceOf(PilotReading.NoDiode.class);

        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).isTrue();
        sense(PilotLine.pwm(3.0, -12.0, 26.67), 1);
        assertThat(pilot.relayClosed()).as("ventilation").isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.E);
        assertThat(car.lastReading()).isInstanceOf(PilotReading.Ventilation.class);
    }

    /**
     * A loaded board preempts the sensing thread for 3 ms right after a burst's first conversion, which fell in the
     * PWM's negative part: the burst's span is over before it saw the positive part, and it must not read the charging
     * car as a steady -12 V (F), which would open the relay under load.
     */
    @Test
    void aBurstPreemptedAfterItsFirstConversionStillReadsTheCarCharging() {
        Pile pile = pile(car);
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).isTrue();

        adc.alignTo(500_000).preemptAfter(1, Duration.ofMillis(3));
        car.sense();

        assertThat(car.lastReading()).as("the preempted burst").isInstanceOf(PilotReading.Level.class)
                .extracting(PilotReading::state).isEqualTo(VehicleState.C);
        assertThat(pile.status().state()).isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).as("relay under load").isTrue();
    }

    /**
     * A burst preempted for longer than it can wait out (10 ms: past twice its span) says nothing: the first is set
     * aside and the relay stays closed; a second in a row is F, as a pilot the pile cannot read, and opens it.
     */
    @Test
    void aBurstThatNeverCoversThePilotIsSetAsideOnceAndTheSecondInARowIsF() {
        Pile pile = pile(car);
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);

        adc.alignTo(500_000).preemptAfter(1, Duration.ofMillis(10));
        car.sense();
        assertThat(car.lastReading()).isInstanceOf(PilotReading.Uncovered.class);
        assertThat(car.lastReading().describe()).startsWith("not covered: no pilot period converted without a gap "
                + "of over 250 us, 1 conversions in 10.02 ms");
        assertThat(pile.status().state()).as("set aside").isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).as("set aside").isTrue();

        sense(CHARGING, 1); // a good burst between: the next uncovered one is the first in a row again
        adc.alignTo(500_000).preemptAfter(1, Duration.ofMillis(10));
        car.sense();
        assertThat(pilot.relayClosed()).as("first in a row again").isTrue();

        adc.alignTo(500_000).preemptAfter(1, Duration.ofMillis(10));
        car.sense();
        assertThat(pile.status().state()).as("second in a row").isEqualTo(VehicleState.F);
        assertThat(pilot.relayClosed()).as("second in a row").isFalse();

        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).as("reads C again").isTrue();
    }

    /** A steady -12 V that a whole burst converted is the pile's F: from C the relay opens at the first such burst. */
    @Test
    void aSteadyMinus12VoltsReadByAWholeBurstStillOpensTheRelayAtOnce() {
        Pile pile = pile(car);
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);

        sense(PilotLine.steady(-12.0), 1);

        assertThat(car.lastReading()).isInstanceOf(PilotReading.Level.class);
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(pilot.relayClosed()).isFalse();
    }

    /** A pile whose vehicle wraps the sensed one (a meter that adds the power drawn) still opens at once. */
    @Test
    void underADecoratorLeavingCStillOpensTheRelayAtOnce() {
        Vehicle metered = (now, amps, phases, volts) -> car.step(now, amps, phases, volts);
        Pile pile = pile(metered);
        pile.grant(16.0, Duration.ofMinutes(5));
        sense(CHARGING, 3);
        assertThat(pilot.relayClosed()).isTrue();

        sense(PLUGGED, 1);

        assertThat(pilot.relayClosed()).isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.B);
    }

    /** A burst that comes after the pile was stopped finds it closed: nothing is driven. */
    @Test
    void aClosedPileIsNotDrivenByWhatTheSensingReadsAfter() {
        Pile pile = pile(car);
        pile.grant(16.0, Duration.ofMinutes(5));
        pile.close();

        sense(CHARGING, 3);

        assertThat(car.state()).isEqualTo(VehicleState.C);
        assertThat(pilot.relayClosed()).isFalse();
        assertThat(pilot.currentSignal()).isEqualTo(new PilotSignal.Standby());
    }
}
