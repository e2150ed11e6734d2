package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileConfig;
import org.orderly.bridge.pile.PileStatus;
import org.orderly.bridge.pilot.InMemoryControlPilot;
import org.orderly.bridge.testing.MeterSlave;
import org.orderly.bridge.testing.MutableClock;
import org.orderly.bridge.vehicle.SimulatedVehicle;
import org.orderly.bridge.vehicle.VehicleSpec;
import org.orderly.bridge.vehicle.VehicleState;
import org.orderly.testkit.Await;

/**
 * A pile whose vehicle (here the simulated one) is metered: the state is the vehicle's, power and session energy the
 * meter's (Debian's pymodbus serving an SDM120 on 127.0.0.1). The pile is stepped by hand once the meter has read what
 * the test set; the pile offers its safe current, 6 A, so the simulated car would draw 1.32 kW on its own.
 */
class MeteredVehicleTest {
    /** How long a wait for another thread or process may take before the test fails: a bound for a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    /**
     * How long one request waits for pymodbus: 2 s, not 300 ms, which a loaded machine missed now and then in
     * PileMeterTest; a request missed between a read awaited and the step after it would make the meter not ok there.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-06-01T19:00:00Z");
    private final SimulatedVehicle car = new SimulatedVehicle(VehicleSpec.typical(), 0.3);
    private MeterSlave slave;
    private PileMeter meter;
    private Pile pile;

    @AfterEach
    void stop() {
        if (pile != null) {
            pile.close();
        }
        if (meter != null) {
            meter.close();
        }
        if (slave != null) {
            slave.close();
        }
    }

    @Test
    void powerAndSessionEnergyComeFromTheMeterCountedFromThePlugIn() throws Exception {
        start(-20.0, 100.0); // a meter's noise at no load
        awaitMeter(v -> v.importKwh() == 100.0);
        assertThat(step()).isEqualTo(status(VehicleState.A, 0.0, 0.0, true));

        car.plugIn();
        assertThat(step()).as("charging, the meter not drawing yet").isEqualTo(status(VehicleState.C, 0.0, 0.0, true));
        slave.set(3520.0, 100.0);
        awaitMeter(v -> v.powerKw() == 3.52);
        clock.advance(Duration.ofHours(1));
        assertThat(step()).as("an hour at 3.52 kW, but the meter counted nothing")
                .isEqualTo(status(VehicleState.C, 3.52, 0.0, true));

        slave.set(3520.0, 101.234);
        awaitMeter(v -> v.countedKwh() > 1.0);
        assertThat(step()).isEqualTo(status(VehicleState.C, 3.52, 1.234, true));

        car.unplug();
        slave.set(0.0, 102.0);
        awaitMeter(v -> v.importKwh() == 102.0);
        assertThat(step()).as("unplugged: the session's energy stays").isEqualTo(status(VehicleState.A, 0.0, 1.234, true));

        car.plugIn();
        assertThat(step()).as("a new session").isEqualTo(status(VehicleState.C, 0.0, 0.0, true));
        slave.set(3520.0, 102.5);
        awaitMeter(v -> v.importKwh() == 102.5);
        assertThat(step()).isEqualTo(status(VehicleState.C, 3.52, 0.5, true));
    }

    @Test
    void aPileNotInStateCDrawsNothingWhateverTheMeterSays() throws Exception {
        start(250.0, 100.0); // the pile's own electronics
        car.plugIn();
        pile.grant(0.0, Duration.ofSeconds(30)); // paused: the car waits in B
        awaitMeter(v -> v.importKwh() == 100.0);

        assertThat(step()).isEqualTo(status(VehicleState.B, 0.0, 0.0, true));
    }

    @Test
    void whileTheMeterIsSilentEnergyIsHeldAndPowerIsTheMostTheOfferAllows() throws Exception {
        start(3520.0, 100.0);
        car.plugIn();
        awaitMeter(v -> v.importKwh() == 100.0);
        step();
        slave.set(3520.0, 100.5);
        awaitMeter(v -> v.importKwh() == 100.5);
        assertThat(step()).isEqualTo(status(VehicleState.C, 3.52, 0.5, true));

        slave.mute();
        Await.untilGiving("failing", GIVE_UP, meter::reading, r -> !r.ok());
        assertThat(step()).as("6 A x 220 V").isEqualTo(status(VehicleState.C, 1.32, 0.5, false));

        slave.set(3520.0, 101.0);
        awaitMeter(v -> v.importKwh() == 101.0);
        assertThat(step()).isEqualTo(status(VehicleState.C, 3.52, 1.0, true));
    }

    @Test
    void aMeterFirstReadAfterThePlugInCountsFromItsFirstAnswer() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, 0.0, 100.0);
        slave.mute();
        startMeterAndPile();
        car.plugIn();
        Await.untilGiving("a poll", GIVE_UP, meter::polls, n -> n >= 1);
        assertThat(step()).isEqualTo(status(VehicleState.C, 1.32, 0.0, false));

        slave.set(3520.0, 100.0);
        awaitMeter(v -> v.importKwh() == 100.0);
        assertThat(step()).isEqualTo(status(VehicleState.C, 3.52, 0.0, true));
        slave.set(3520.0, 100.5);
        awaitMeter(v -> v.importKwh() == 100.5);
        assertThat(step()).isEqualTo(status(VehicleState.C, 3.52, 0.5, true));
    }

    private void start(double powerW, double importKwh) throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, powerW, importKwh);
        startMeterAndPile();
    }

    private void startMeterAndPile() {
        meter = PileMeter.start("P1", new MeterConfig(MeterModel.SDM120, MeterTransport.tcp(slave.hostPort()), 1,
                Duration.ofMillis(100), REQUEST_TIMEOUT), 7.04, event -> { });
        pile = new Pile(PileConfig.homePile("P1"), new InMemoryControlPilot(), new MeteredVehicle(car, meter::reading),
                clock, clock, clock);
    }

    private void awaitMeter(Predicate<MeterValues> wanted) throws InterruptedException {
        Await.untilGiving("the meter read as wanted", GIVE_UP, meter::reading,
                r -> r.ok() && r.lastGood().filter(wanted).isPresent());
    }

    /** The status after a step, less when the car was plugged in (PileTest has that). */
    private PileStatus step() {
        pile.step();
        PileStatus s = pile.status();
        return new PileStatus(s.state(), s.ampsOffered(), s.powerKw(), s.sessionEnergyKwh(), s.leaseExpiry(),
                s.meterOk(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private PileStatus status(VehicleState state, double powerKw, double sessionKwh, boolean meterOk) {
        return new PileStatus(state, state == VehicleState.B ? 0.0 : 6.0, powerKw, sessionKwh,
                pile.leaseExpiry(), Optional.of(meterOk), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
