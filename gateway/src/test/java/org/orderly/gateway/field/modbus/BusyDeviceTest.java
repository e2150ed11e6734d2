package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A meter that answers exception 06 (server device busy), from Debian's pymodbus over TCP on 127.0.0.1: the Modbus
 * spec's "retry later". It is asked again, and one busy on every try is busy, not refusing its registers.
 */
class BusyDeviceTest {

    private static final int UNIT = 1;

    @TempDir
    Path dir;

    @Test
    void aMeterBusyForItsFirstTwoRequestsIsReadInTheFirstCycleWithoutAFailure() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        FailureCounts counts = new FailureCounts();
        LatestReadings store = new LatestReadings();
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = slave(new SlaveSpec().serve(UNIT, map).busy(UNIT, 2), port)) {
            oneCycle(port, map, store, counts, ROOMY);
            assertThat(counts.failures("tx")).as(slave.log()).isEmpty();
            assertThat(store.latest("tx").orElseThrow().values()).as("every quantity of the first cycle")
                    .hasSize(map.points().size());
        }
    }

    @Test
    void aMeterBusyOnEveryTryIsBusyNotRefusingItsRegisters() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        FailureCounts counts = new FailureCounts();
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = slave(new SlaveSpec().serve(UNIT, map).busy(UNIT, 1_000_000), port)) {
            oneCycle(port, map, new LatestReadings(), counts, TIGHT);
            assertThat(counts.failures("tx", FailureKind.BUSY)).as(slave.log()).isPositive();
            assertThat(counts.failures("tx", FailureKind.EXCEPTION_RESPONSE)).isZero();
        }
    }

    /**
     * The poller's WARN (at the third failed poll) and its {@link PollFailure} count the requests that were sent, each
     * busy answer's among them: the slave logs every busy answer it gave.
     */
    @Test
    void theFailureOfAMeterBusyOnEveryTryCountsEveryRequestSent() throws Exception {
        RegisterMap map = DeviceMaps.load("chint-dtsu666");
        List<PollFailure> failures = new CopyOnWriteArrayList<>();
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = slave(new SlaveSpec().serve(UNIT, map).busy(UNIT, 1_000_000), port);
             CapturedLog log = new CapturedLog();
             BusPoller poller = BusPollers.overJ2mod(bus(port, map, ROOMY), new LatestReadings(), recording(failures),
                     Clock.systemUTC(), Ticker.SYSTEM)) {
            poller.runCycle();
            long answeredBusy = slave.log().lines().filter(l -> l.startsWith("answered busy: unit " + UNIT)).count();
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
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = slave(new SlaveSpec().serve(UNIT, map).busyThenSilent(UNIT, 2), port);
             CapturedLog log = new CapturedLog();
             BusPoller poller = BusPollers.overJ2mod(bus(port, map, BUSY_THEN_SILENT), new LatestReadings(), recording(failures),
                     Clock.systemUTC(), Ticker.SYSTEM)) {
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
        int port = LoopbackPorts.free();
        try (PymodbusSlave slave = slave(new SlaveSpec().serve(UNIT, map).busy(UNIT, 1_000_000), port);
             CapturedLog log = new CapturedLog();
             BusPoller poller = BusPollers.overJ2mod(bus(port, map, ROOMY), new LatestReadings(), recording(failures),
                     Clock.systemUTC(), Ticker.SYSTEM)) {
            Throwable thrown;
            Thread.currentThread().interrupt();
            try {
                thrown = catchThrowable(poller::runCycle);
            } finally {
                Thread.interrupted();
            }
            assertThat(slave.log()).as("a busy answer came, and its retry waited").contains("answered busy: unit " + UNIT);
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

    private static Bus bus(int port, RegisterMap map, BusTiming timing) {
        return new Bus("busy", new BusEndpoint.Tcp("127.0.0.1", port), timing,
                List.of(new Meter("tx", UNIT, map, MeterRole.TRANSFORMER)));
    }

    private static PollListener recording(List<PollFailure> failures) {
        return new PollListener() {
            @Override
            public void onFailure(PollFailure f) {
                failures.add(f);
            }
        };
    }

    private PymodbusSlave slave(SlaveSpec spec, int port) throws Exception {
        return PymodbusSlave.tcp(ExternalTools.require("python3-pymodbus"), dir, spec, port);
    }

    /** A 300 ms cycle: a busy meter is asked again only while the cycle has room for it. */
    private static final BusTiming TIGHT = new BusTiming(Duration.ofMillis(300), Duration.ofMillis(5),
            Duration.ofMillis(1000), 0, Duration.ofMillis(10), Duration.ofMillis(40));

    private static void oneCycle(int port, RegisterMap map, LatestReadings store, FailureCounts counts, BusTiming timing)
            throws Exception {
        try (BusPoller poller = BusPollers.overJ2mod(bus(port, map, timing), store, counts, Clock.systemUTC(),
                Ticker.SYSTEM)) {
            poller.runCycle();
        }
    }
}
