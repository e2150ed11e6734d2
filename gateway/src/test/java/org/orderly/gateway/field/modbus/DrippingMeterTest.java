package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.TransformerReadTimes;
import org.orderly.gateway.web.CapturedLog;

/**
 * Modbus TCP meters that send their replies a byte at a time ({@link DrippingServer} on 127.0.0.1, a byte every 100 ms
 * against a 300 ms timeout): j2mod's timeout is a wait for each read of the socket, so such a reply was waited as long
 * as it dripped and taken as a good reading, seconds late. Now the whole exchange is bounded by the bus's timeout
 * ({@link ExchangeDeadline}) and a dripping meter is a {@code TIMEOUT}, as a silent one is. Counted in the poller's
 * cycles ({@link CountedCycles}), not in wall time, but for when the transformer meter's reads began
 * ({@link TransformerReadTimes}, as the other tests of what may push it late): until 2026-12-06 the dripping pile meter
 * below was read (each read 4 s long, the transformer's next read as late) and the dripping transformer meter was
 * read, late.
 */
class DrippingMeterTest {
    private static final int TX = 1;
    private static final int PILE = 7;
    private static final Duration PER_BYTE = Duration.ofMillis(100);
    private static final int CYCLES = 6;

    @Test
    void aDrippingPileMeterTimesOutAndTheTransformerIsReadEveryCycle() throws Exception {
        // the gateway's timing on TCP: 500 ms cycle, no gap, 300 ms timeout, 2 retries (SilentPileCycleTest's)
        BusTiming timing = new BusTiming(Duration.ofMillis(500), Duration.ZERO, Duration.ofMillis(300), 2,
                Duration.ofMillis(20), Duration.ofMillis(200));
        CountedCycles counted = new CountedCycles();
        TransformerReadTimes txReads = new TransformerReadTimes("tx");
        try (DrippingServer server = new DrippingServer(Set.of(PILE), PER_BYTE)) {
            Bus bus = new Bus("shared", new BusEndpoint.Tcp("127.0.0.1", server.port()), timing,
                    List.of(new Meter("tx", TX, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER),
                            new Meter("pile-drip", PILE, DeviceMaps.load("chint-ddsu666"), MeterRole.PILE)));
            try (BusPoller poller = BusPollers.overJ2mod(bus, new LatestReadings(), PollListener.all(counted, txReads),
                    Clock.systemUTC(), Ticker.SYSTEM)) {
                counted.run(poller, CYCLES);
            }
        }
        String seen = counted.toString();
        // The transformer meter read on time, not only in every cycle: a cycle waits for the pile meter's read, so
        // counting cycles could not tell a pile meter's dripped read, seconds long (until 2026-12-06), from one cut at its timeout.
        assertThat(txReads.late(timing.cycle())).as("transformer reads begun more than half a cycle late; apart (ms) %s; %s",
                txReads.apartMs(), seen).isZero();
        assertThat(counted.readings("pile-drip")).as("readings of the dripping pile meter; %s", seen).isZero();
        List<PollFailure> pile = counted.failures().stream().filter(f -> f.meterId().equals("pile-drip")).toList();
        assertThat(pile).as("the dripping pile's failures; %s", seen).isNotEmpty().allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.message()).contains("no whole reply within 400 ms");
        });
        // One timeout of the transformer meter is the machine's (FailureSurvivalTest says when it was seen).
        assertThat(counted.cyclesReading("tx")).as("cycles that read the transformer meter; %s", seen)
                .isGreaterThanOrEqualTo(CYCLES - 1L);
    }

    @Test
    void aDrippingTransformerMeterIsATimeoutNotALateReading() throws Exception {
        CountedCycles counted = new CountedCycles();
        try (DrippingServer server = new DrippingServer(Set.of(TX), PER_BYTE)) {
            pollTheTransformerThreeCycles("drip", server, counted);
        }
        String seen = counted.toString();
        assertThat(counted.readings("tx")).as("readings of the dripping transformer meter; %s", seen).isZero();
        assertThat(counted.failures()).as(seen).hasSize(3).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.message()).contains("no whole reply within 400 ms");
        });
    }

    /**
     * A meter whose every poll was cut while it replied answered: its WARN at the third says the cut, and the poller
     * does not ask it again, given longer ({@link LateAnswer#silent}), as {@code orderly modbus read} and {@code
     * selftest} do not: the ask would drop the poller's connection for a meter that is there, and its answer, dripped
     * whole within the longer wait, would tell a timeout to give instead of what sends the reply a byte at a time. Until
     * 2026-12-07 the poller asked it (twice, the server taking 5 requests in 3 cycles), its WARN ending {@code it
     * answers, but only after 1210 ms, later than timing.timeoutMs 300 of bus 'drip' waits ...: give timing.timeoutMs 2500}.
     */
    @Test
    void aDrippingTransformerMeterIsNotAskedAgainGivenLonger() throws Exception {
        CountedCycles counted = new CountedCycles();
        try (DrippingServer server = new DrippingServer(Set.of(TX), PER_BYTE); CapturedLog log = new CapturedLog()) {
            pollTheTransformerThreeCycles("drip", server, counted);
            String seen = counted.toString();
            assertThat(counted.failures()).as(seen).hasSize(3).allSatisfy(f -> assertThat(f.message())
                    .contains("no whole reply within 400 ms"));
            assertThat(log.lines("WARN", "meter tx", "failed after")).as(seen).singleElement().asString()
                    .contains("TIMEOUT", "a byte at a time").endsWith("; its last 3 polls all failed");
            assertThat(server.requests(TX)).as("requests the meter took in 3 cycles, one a poll; %s", seen).isEqualTo(3);
        }
    }

    /**
     * A unit that never answers is timed out by the socket's own wait, said as before, not said to drip: until the read
     * of 2026-12-07 the deadline, set before the request was written, always fell first.
     */
    @Test
    void aSilentMeterIsATimeoutNotSaidToDrip() throws Exception {
        CountedCycles counted = new CountedCycles();
        try (DrippingServer server = new DrippingServer(Set.of(), Set.of(TX), PER_BYTE)) {
            pollTheTransformerThreeCycles("silent", server, counted);
        }
        String seen = counted.toString();
        // All three are timeouts; on a loaded machine the request's writing may be late enough for the cut to fall first
        // on one, so one said silent is asked for (with the cut at the timeout itself, none was: 10 of 10, read55b).
        assertThat(counted.failures()).as(seen).hasSize(3).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT))
                .anySatisfy(f -> assertThat(f.message()).doesNotContain("byte at a time"));
    }

    /**
     * Polls a bus named {@code name} of the one transformer meter, unit {@link #TX} on {@code server}, three cycles of
     * 1 s, with a 300 ms timeout and no retries: one request a poll.
     */
    private static void pollTheTransformerThreeCycles(String name, DrippingServer server, CountedCycles counted)
            throws Exception {
        BusTiming timing = new BusTiming(Duration.ofMillis(1000), Duration.ofMillis(5), Duration.ofMillis(300), 0,
                Duration.ofMillis(10), Duration.ofMillis(40));
        Bus bus = new Bus(name, new BusEndpoint.Tcp("127.0.0.1", server.port()), timing,
                List.of(new Meter("tx", TX, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER)));
        try (BusPoller poller = BusPollers.overJ2mod(bus, new LatestReadings(), counted, Clock.systemUTC(), Ticker.SYSTEM)) {
            counted.run(poller, 3);
        }
    }
}
