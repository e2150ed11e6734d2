package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.testing.MeterSlave;
import org.orderly.testkit.Await;

/**
 * The pile's meter read over Modbus TCP from Debian's pymodbus serving an Eastron SDM map on 127.0.0.1: what it reads,
 * what it refuses, and what it says when the meter stops answering. The pile is a 32 A single-phase 220 V one (7.04 kW
 * at most), so above 8.8 kW is absurd.
 */
class PileMeterTest {
    /** How long a wait for another thread or process may take before the test fails: a bound for a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    private static final double HOME_PILE_KW = 32 * 220 / 1000.0;
    /**
     * How long one request waits for pymodbus's answer: 2 s, not the 300 ms these tests gave it, which a loaded
     * machine missed now and then (fresh-clone CI at load 11 to 15: a `no whole answer within 300 ms` event where a
     * test counts the meter's own events, two tests in two runs). A silent meter is still a timeout, later.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final List<MeterEvent> events = new CopyOnWriteArrayList<>();
    private MeterSlave slave;
    private PileMeter meter;

    @AfterEach
    void stop() {
        if (meter != null) {
            meter.close();
        }
        if (slave != null) {
            slave.close();
        }
    }

    @Test
    void readsTheActivePowerAndImportEnergyOfAnSdm120() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, 3520.0, 100.25);
        meter = start(MeterModel.SDM120, 1, HOME_PILE_KW);

        assertThat(awaitOk().lastGood()).contains(new MeterValues(3.52, 100.25, 0.0));

        slave.set(1800.0, 101.5);
        assertThat(awaitValues(v -> v.importKwh() == 101.5)).isEqualTo(new MeterValues(1.8, 101.5, 1.25));
        assertThat(eventsBeyondTheMachinesLoad()).isEmpty();
    }

    @Test
    void readsTheTotalSystemPowerOfAnSdm630AtItsUnit() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm630", 7, 11040.0, 2048.5);
        meter = start(MeterModel.SDM630, 7, 32 * 3 * 230 / 1000.0);

        assertThat(awaitOk().lastGood()).contains(new MeterValues(11.04, 2048.5, 0.0));
    }

    /** The SDM630's phase currents (30007, 30009, 30011), for the pile's over-current check's most loaded phase. */
    @Test
    void readsThePhaseCurrentsOfAnSdm630ThatServesThem() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm630", 7, 6160.0, 2048.5, List.of(16.0, 6.0, 6.5));
        meter = start(MeterModel.SDM630, 7, 32 * 3 * 220 / 1000.0);

        MeterValues values = awaitOk().lastGood().orElseThrow();
        assertThat(values).isEqualTo(new MeterValues(6.16, 2048.5, 0.0, List.of(16.0, 6.0, 6.5)));
        assertThat(values.highestPhaseAmps()).hasValue(16.0);
        assertThat(eventsBeyondTheMachinesLoad()).isEmpty();
    }

    @Test
    void aBadValueIsRefusedWithOneEventNamingItAndTheLastGoodValuesAreHeld() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, 3520.0, 100.0);
        meter = start(MeterModel.SDM120, 1, HOME_PILE_KW);
        awaitOk();

        slave.set(Double.NaN, 100.5);
        MeterEvent nan = awaitEvent(1);
        assertThat(nan).isInstanceOf(MeterEvent.Refused.class);
        assertThat(nan.message()).contains("pile P1", "Eastron SDM120", "unit 1", "tcp://" + slave.hostPort(), "NaN");
        awaitPolls(3);
        assertThat(events).as("one event while the meter keeps saying NaN").hasSize(1);
        assertThat(meter.reading()).isEqualTo(new MeterReading(false, Optional.of(new MeterValues(3.52, 100.0, 0.0))));

        slave.set(3520.0, 100.5);
        assertThat(awaitEvent(2)).isInstanceOf(MeterEvent.Answering.class);
        assertThat(awaitOk().lastGood()).contains(new MeterValues(3.52, 100.5, 0.5));

        slave.set(3520.0, -1.0);
        assertThat(awaitEvent(3).message()).contains("import energy -1.0 kWh", "negative");
        slave.set(3520.0, 100.75);
        awaitEvent(4);

        slave.set(20000.0, 100.75);
        assertThat(awaitEvent(5).message()).contains("power 20000.0 W", "8800");
        slave.set(3520.0, 101.0);
        awaitEvent(6);

        slave.set(-3520.0, 101.0);
        assertThat(awaitEvent(7).message()).contains("power -3520.0 W", "negative");
        slave.set(-20.0, 101.25); // a meter's noise at no load
        assertThat(awaitEvent(8)).isInstanceOf(MeterEvent.Answering.class);
        assertThat(awaitOk().lastGood()).contains(new MeterValues(-0.02, 101.25, 1.25));

        assertThat(events).map(e -> e.getClass().getSimpleName()).containsExactly(
                "Refused", "Answering", "Refused", "Answering", "Refused", "Answering", "Refused", "Answering");
    }

    @Test
    void energyGoingBackwardsIsRefusedAndAResetMeterIsCountedOnFromItsNewTotal() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, 0.0, 100.0);
        meter = start(MeterModel.SDM120, 1, HOME_PILE_KW);
        awaitOk();
        slave.set(0.0, 100.5);
        awaitValues(v -> v.countedKwh() == 0.5);

        slave.set(0.0, 2.0); // the meter was reset, or replaced by one that has counted 2 kWh
        MeterEvent backwards = awaitEvent(1);
        assertThat(backwards).isInstanceOf(MeterEvent.Refused.class);
        assertThat(backwards.message()).contains("pile P1", "unit 1", "went backwards from 100.5 kWh to 2.0 kWh");
        MeterEvent rebased = awaitEvent(2);
        assertThat(rebased).isInstanceOf(MeterEvent.Rebased.class);
        assertThat(rebased.message()).contains("2.0 kWh");
        assertThat(awaitOk().lastGood()).contains(new MeterValues(0.0, 2.0, 0.5));

        slave.set(0.0, 2.25);
        assertThat(awaitValues(v -> v.importKwh() == 2.25).countedKwh()).isEqualTo(0.75);
        assertThat(events).hasSize(2);
    }

    @Test
    void aMeterThatStopsAnsweringIsOneEventUntilItAnswersAgain() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, 3520.0, 100.0);
        meter = start(MeterModel.SDM120, 1, HOME_PILE_KW);
        awaitOk();

        slave.mute();
        // Counted from the last event: before the mute, a loaded machine may already have let one request miss
        // its time (fresh-clone CI at load 8, at 300 ms: Failing, Answering, then the silence's Failing).
        List<MeterEvent> untilFailing = Await.untilGiving("the silence's event", GIVE_UP, () -> List.copyOf(events),
                e -> !e.isEmpty() && e.get(e.size() - 1) instanceof MeterEvent.Failing);
        MeterEvent failing = untilFailing.get(untilFailing.size() - 1);
        assertThat(failing.message()).contains("pile P1", "Eastron SDM120", "unit 1", "tcp://" + slave.hostPort());
        int whileSilent = events.size();
        awaitPolls(3);
        assertThat(events).as("one event while it stays silent").hasSize(whileSilent);
        assertThat(meter.reading()).isEqualTo(new MeterReading(false, Optional.of(new MeterValues(3.52, 100.0, 0.0))));

        slave.set(3520.0, 100.5);
        MeterEvent answering = awaitEvent(whileSilent + 1);
        assertThat(answering).isInstanceOf(MeterEvent.Answering.class);
        assertThat(answering.message()).contains("pile P1", "unit 1", "answers again");
        assertThat(awaitOk().lastGood()).contains(new MeterValues(3.52, 100.5, 0.5));
    }

    @Test
    void aRestartedMeterIsReadAgain() throws Exception {
        slave = MeterSlave.tcp(dir, "sdm120", 1, 3520.0, 100.0);
        meter = start(MeterModel.SDM120, 1, HOME_PILE_KW);
        awaitOk();

        slave.stop();
        assertThat(awaitEvent(1)).isInstanceOf(MeterEvent.Failing.class);
        awaitPolls(2);
        slave.set(3520.0, 100.5);
        slave.start();

        assertThat(awaitEvent(2)).isInstanceOf(MeterEvent.Answering.class);
        assertThat(awaitOk().lastGood()).contains(new MeterValues(3.52, 100.5, 0.5));
        assertThat(events).hasSize(2);
    }

    private PileMeter start(MeterModel model, int unit, double pileMaxKw) {
        MeterConfig config = new MeterConfig(model, MeterTransport.tcp(slave.hostPort()), unit,
                Duration.ofMillis(100), REQUEST_TIMEOUT);
        return PileMeter.start("P1", config, pileMaxKw, events::add);
    }

    /**
     * The events but a request that missed its time and the answers after it: a loaded machine's, not the meter's
     * (fresh-clone CI at load 15: `no whole answer within 300 ms`, then `answers`, in a test of what is read). A
     * misread register is still an event here: an exception reply, a garbled frame or a refused value.
     */
    private List<MeterEvent> eventsBeyondTheMachinesLoad() {
        return events.stream().filter(e -> !(e instanceof MeterEvent.Answering)
                && !(e instanceof MeterEvent.Failing && e.message().contains("no whole answer within"))).toList();
    }

    private MeterReading awaitOk() throws InterruptedException {
        return Await.untilGiving("read", GIVE_UP, meter::reading, MeterReading::ok);
    }

    private MeterValues awaitValues(java.util.function.Predicate<MeterValues> wanted) throws InterruptedException {
        return Await.untilGiving("read as wanted", GIVE_UP, meter::reading,
                r -> r.ok() && r.lastGood().filter(wanted).isPresent()).lastGood().orElseThrow();
    }

    private MeterEvent awaitEvent(int count) throws InterruptedException {
        return Await.untilGiving(count + " events", GIVE_UP, () -> List.copyOf(events), e -> e.size() >= count)
                .get(count - 1);
    }

    /** Waits for {@code more} polls after this one. */
    private void awaitPolls(int more) throws InterruptedException {
        long now = meter.polls();
        Await.untilGiving(more + " more polls", GIVE_UP, meter::polls, n -> n >= now + more);
    }
}
