package org.orderly.bridge.pile;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import java.time.Duration;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderly.bridge.pilot.Pi4jControlPilot;
import org.orderly.bridge.pilot.Pi4jPilotPins;
import org.orderly.bridge.pilot.PilotSignal;
import org.orderly.bridge.testing.LoggedLines;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * A car that draws more than the pilot offers it (its power over the pile's volts and phases) for longer than it is
 * given to follow a lowered offer trips the pile: relay open, pilot F, {@code vehicle over current}, until it is
 * unplugged. On Pi4J's mock board with the simulated car, a charger that does not follow the pilot, the time on a
 * {@link MutableClock}, the pile stepped by hand as its tick does. Until 2026-12-04 the pile did nothing by itself
 * (the gateway's PILE_NOT_FOLLOWING alarm after 10 s was all).
 */
class OverCurrentTest {
    private static final Duration TICK = Duration.ofSeconds(1);

    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(MockPwmProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private final Pi4jControlPilot pilot = new Pi4jControlPilot(pi4j, Pi4jPilotPins.iec(18, 17));
    private final Pile pile = new Pile(PileConfig.homePile("P1"), pilot, car, clock, clock, clock);

    @AfterEach
    void stop() {
        pile.close();
        pi4j.shutdown();
    }

    private boolean relayClosed() {
        return pi4j.registry().get("contactor-relay", DigitalOutput.class).isHigh();
    }

    /** Lets {@code passed} pass a tick at a time, stepping the pile at each. */
    private void tick(Duration passed) {
        for (Duration t = Duration.ZERO; t.compareTo(passed) < 0; t = t.plus(TICK)) {
            clock.advance(TICK);
            pile.step();
        }
    }

    private void chargeAt16AThenLowerTo6A() {
        car.plugIn();
        pile.grant(16.0, Duration.ofHours(1));
        assertThat(pile.status().state()).as("charging").isEqualTo(VehicleState.C);
        assertThat(relayClosed()).as("relay while charging").isTrue();
        pile.grant(6.0, Duration.ofHours(1));
        assertThat(pilot.currentSignal().amps()).as("offered").isEqualTo(6.0);
    }

    /**
     * The DEBUG when the car goes over its offer and the ERROR of the trip say the currents as the page does ({@code 16
     * A}, not {@code 16.0 A}), as they have since 2026-12-03, which no test read until 2026-12-04.
     */
    @Test
    void theOverCurrentAndItsTripAreLoggedWithTheCurrentsAsThePageSaysThem() throws Exception {
        try (LoggedLines log = new LoggedLines(Pile.class, Level.DEBUG)) {
            car.ignorePilot(16.0);
            chargeAt16AThenLowerTo6A();
            pile.step();
            tick(OverCurrentWatch.GRACE);

            assertThat(log.lines("DEBUG", "more than the")).containsExactly("DEBUG pile P1: the car draws 16 A a phase,"
                    + " more than the 6 A offered allows (7.2 A); the relay opens if it still does in 7 s");
            assertThat(log.lines("ERROR")).containsExactly("ERROR pile P1: vehicle over current: the car drew 16 A a phase"
                    + " for 7 s under an offer of 6 A; opening the relay, pilot F (EVSE not available) until the bridge is"
                    + " restarted (no unplug can be seen without --sense-pilot)");
        }
    }

    @Test
    void aCarThatKeepsDrawing16AUnderA6AOfferTripsThePileAfterTheGrace() {
        car.ignorePilot(16.0);
        chargeAt16AThenLowerTo6A();
        pile.step(); // the car draws 16 A under the 6 A the pilot shows: the grace begins

        tick(OverCurrentWatch.GRACE.minus(TICK));
        assertThat(relayClosed()).as("relay within the grace").isTrue();
        assertThat(pile.status().fault()).as("fault within the grace").isEmpty();

        tick(TICK);
        assertThat(relayClosed()).as("relay once the grace is over").isFalse();
        assertThat(pile.status().state()).isEqualTo(VehicleState.F);
        assertThat(pile.status().fault()).hasValue("vehicle over current");
        assertThat(pile.status().powerKw()).as("power, the relay open").isZero();
        assertThat(pilot.currentSignal()).isInstanceOf(PilotSignal.Fault.class);

        car.followPilot();
        pile.grant(16.0, Duration.ofHours(1));
        tick(Duration.ofMinutes(1));
        assertThat(relayClosed()).as("relay, held without an unplug seen (no pilot sensing)").isFalse();
        assertThat(pile.status().fault()).hasValue("vehicle over current");
    }

    @Test
    void aCarThatFollowsTheLoweredOfferWithinTheGraceChargesOn() {
        car.ignorePilot(16.0);
        chargeAt16AThenLowerTo6A();
        pile.step();
        tick(OverCurrentWatch.GRACE.minus(TICK));

        car.followPilot();
        tick(Duration.ofMinutes(1));

        assertThat(relayClosed()).isTrue();
        assertThat(pile.status().fault()).isEmpty();
        assertThat(pile.status().powerKw()).as("6 A at 220 V").isEqualTo(1.32);
    }

    /** 7.15 A under a 6 A offer is the most a car may draw for good: (6 A + 0.5 A of noise) + 10 %. */
    @Test
    void aCarWithinTheToleranceChargesOnForAnHour() {
        car.ignorePilot(7.1);
        chargeAt16AThenLowerTo6A();

        tick(Duration.ofHours(1).minusMinutes(1));

        assertThat(relayClosed()).isTrue();
        assertThat(pile.status().fault()).isEmpty();
        assertThat(OverCurrentWatch.limitFor(6.0)).isCloseTo(7.15, org.assertj.core.data.Offset.offset(1e-9));
    }
}
