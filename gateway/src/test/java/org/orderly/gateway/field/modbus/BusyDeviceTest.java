package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A meter that answers exception 06 (server device busy), from Debian's pymodbus over TCP on 127.0.0.1: the Modbus
 * spec's "retry later". It is asked again, and one busy on every try is busy, not refusing its registers.
 * One slave serves the class, each case its own unit (the slave counts busy answers per unit): until 2026-12-07 each
 * case started a slave of its own, most of the class's time.
 */
class BusyDeviceTest {

    /** Busy for its first two requests. */
    private static final int BUSY_TWICE = 1;
    /** Busy on every try, one unit for each case that asks it (the busy answers one case counts are its own). */
    private static final int BUSY_IN_A_TIGHT_CYCLE = 2;
    private static final int BUSY_COUNTED = 3;
    private static final int BUSY_WHEN_STOPPED = 4;
    /** Busy twice, then silent, and again. */
    private static final int BUSY_THEN_SILENT_UNIT = 5;

    @TempDir
    static Path dir;
    private static PymodbusSlave slave;
    private static int port;

    @BeforeAll
    static void startSlave() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        SlaveSpec spec = new SlaveSpec().serve(BUSY_TWICE, map).busy(BUSY_TWICE, 2);
        for (int unit : new int[] {BUSY_IN_A_TIGHT_CYCLE, BUSY_COUNTED, BUSY_WHEN_STOPPED}) {
            spec.serve(unit, map).busy(unit, 1_000_000);
        }
        spec.serve(BUSY_THEN_SILENT_UNIT, map).busyThenSilent(BUSY_THEN_SILENT_UNIT, 2);
        port = LoopbackPorts.free();
        slave = PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir, spec, port);
    }

    @AfterAll
    static void stopSlave() {
        if (slave != null) {
            slave.close();
        }
    }

    @Test
    void aMeterBusyForItsFirstTwoRequestsIsReadInTheFirstCycleWithoutAFailure() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        FailureCounts counts = new FailureCounts();
        LatestReadings store = new LatestReadings();
        oneCycle(BUSY_TWICE, map, store, counts, ROOMY);
        assertThat(counts.failures("tx")).as(slave.log()).isEmpty();
        assertThat(store.latest("tx").orElseThrow().values()).as("every quantity of the first cycle")
                .hasSize(map.points().size());
    }

    @Test
    void aMeterBusyOnEveryTryIsBusyNotRefusingItsRegisters() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        FailureCounts counts = new FailureCounts();
        oneCycle(BUSY_IN_A_TIGHT_CYCLE, map, new LatestReadings(), counts, TIGHT);
        assertThat(counts.failures("tx", FailureKind.BUSY)).as(slave.log()).isPositive();
        assertThat(counts.failures("tx", FailureKind.EXCEPTION_RESPONSE)).isZero();
    }

    /**
     * The poller's WARN (at the third failed poll) and its {@link PollFailure} count the requests that were sent, each
     * busy answer's among them: the slave logs every busy answer it gave.
     */
    @Test
    void theFailureOfAMeterBusyOnEveryTryCountsEveryRequestSent() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        List<PollFailure> failures = new CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog();
             BusPoller poller = BusPollers.overJ2mod(bus(BUSY_COUNTED, map, ROOMY), new LatestReadings(), recording(failures),
                     Clock.systemUTC(), Ticker.SYSTEM)) {
            poller.runCycle();
            long answeredBusy = slave.log().lines().filter(l -> l.equals("answered busy: unit " + BUSY_COUNTED)).count();
            assertThat(answeredBusy).as("the first and its 3 retries; slave log: %s", slave.log()).isEqualTo(4);
            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.BUSY);
                assertThat(f.attempts()).as("requests sent").isEqualTo(4);
            });
            assertThat(log.lines("WARN", "meter tx")).as("one failed poll").isEmpty();
            poller.runCycle();
            poller.runCycle();
            assertThat(log.lines("WARN", "meter tx", "failed after")).as("its third failed poll").singleElement()
                    .asString().contains("failed after 4 attempts");
        }
    }

    /**
     * A meter that answers busy twice, then not at all, is a timeout (it is retried and counted as one), and its
     * failure and the poller's WARN say it had answered busy: it is there and was busy, not silent all along. Until
     * 2026-12-04 they said only the timeout.
     */
    @Test
    void aMeterBusyThenSilentTimesOutSayingItHadAnsweredBusy() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        List<PollFailure> failures = new CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog();
             BusPoller poller = BusPollers.overJ2mod(bus(BUSY_THEN_SILENT_UNIT, map, BUSY_THEN_SILENT), new LatestReadings(),
                     recording(failures), Clock.systemUTC(), Ticker.SYSTEM)) {
            for (int cycle = 0; cycle < 3; cycle++) {
                poller.runCycle();
            }
            String busyBefore = ", having answered busy (exception 06, server device busy) 2 times before";
            assertThat(failures).as("slave log: %s", slave.log()).hasSize(3).allSatisfy(f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(f.attempts()).as("requests sent").isEqualTo(3);
                assertThat(f.message()).endsWith(busyBefore);
            });
            assertThat(log.lines("WARN", "meter tx", "failed after")).as("its third failed poll").singleElement()
                    .asString().contains("failed after 3 attempts: TIMEOUT: ").contains(busyBefore + "; its last 3 polls");
        }
    }

    /**
     * A stop (the poller's thread interrupted, as {@link BusPoller#close} does) while a busy meter's retry waits is a
     * stop, not a failure of the meter: here the interrupt is there before the wait begins, as if it came in it.
     */
    @Test
    void aStopWhileABusyMeterIsWaitedForIsAStopNotAGarbledReply() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        List<PollFailure> failures = new CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog();
             BusPoller poller = BusPollers.overJ2mod(bus(BUSY_WHEN_STOPPED, map, ROOMY), new LatestReadings(),
                     recording(failures), Clock.systemUTC(), Ticker.SYSTEM)) {
            Throwable thrown;
            Thread.currentThread().interrupt();
            try {
                thrown = catchThrowable(poller::runCycle);
            } finally {
                Thread.interrupted();
            }
            assertThat(slave.log().lines()).as("a busy answer came, and its retry waited")
                    .contains("answered busy: unit " + BUSY_WHEN_STOPPED);
            assertThat(failures).as("failures reported").isEmpty();
            assertThat(log.lines("WARN", "meter tx")).as("WARN lines of the meter").isEmpty();
            assertThat(thrown).as("the cycle ends as stopped").isInstanceOf(InterruptedException.class);
        }
    }

    /**
     * A cycle with room for both busy retries and the timeout after them on a loaded machine (at 1.5 s the cycle's end
     * denied the second busy retry there).
     */
    private static final BusTiming BUSY_THEN_SILENT = new BusTiming(Duration.ofMillis(5000), Duration.ofMillis(5),
            Duration.ofMillis(1000), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    /**
     * No retries of the poller's own: a request is sent as often as its busy retry says; a cycle with room for the busy
     * retry's waits (0.35 s) and a slow first request (the connection is made in it).
     */
    private static final BusTiming ROOMY = new BusTiming(Duration.ofMillis(1500), Duration.ofMillis(5),
            Duration.ofMillis(1000), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    /** The bus of meter tx, unit {@code unit} of the class's slave. */
    private static Bus bus(int unit, RegisterMap map, BusTiming timing) {
        return new Bus("busy", new BusEndpoint.Tcp("127.0.0.1", port), timing,
                List.of(new Meter("tx", unit, map, MeterRole.TRANSFORMER)));
    }

    private static PollListener recording(List<PollFailure> failures) {
        return new PollListener() {
            @Override
            public void onFailure(PollFailure f) {
                failures.add(f);
            }
        };
    }

    /** A 300 ms cycle: a busy meter is asked again only while the cycle has room for it. */
    private static final BusTiming TIGHT = new BusTiming(Duration.ofMillis(300), Duration.ofMillis(5),
            Duration.ofMillis(1000), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    private static void oneCycle(int unit, RegisterMap map, LatestReadings store, FailureCounts counts, BusTiming timing)
            throws Exception {
        try (BusPoller poller = BusPollers.overJ2mod(bus(unit, map, timing), store, counts, Clock.systemUTC(),
                Ticker.SYSTEM)) {
            poller.runCycle();
        }
    }
}
