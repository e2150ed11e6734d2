package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.web.CapturedLog;

/**
 * Pile requests on a serial bus whose transformer meter's reads leave no cycle the room a pile request is begun with,
 * on a controlled clock: once the oldest has waited {@link PileRequestWait#BOUND} they are run ahead of the next
 * transformer read, which waits for them, and the log says it once: WARN naming the bus, the piles, how long and what
 * took the cycles; INFO once none has waited that long for a while. Until 2026-12-04 they waited for as long as the
 * meter stayed slow, the piles' 10 s leases lapsing, and nothing was logged.
 */
class UnrunPileRequestsTest {
    private static final Instant T0 = Instant.parse("2026-01-15T19:00:00Z");
    /** Three blocks, as a meter map whose registers are far apart is read: three requests each cycle. */
    private static final RegisterMap THREE_BLOCKS = new RegisterMap("slow meter", "test", 0, 60, List.of(
            point("power.total.kw", 0x000), point("voltage.a.v", 0x100), point("frequency.hz", 0x200)));

    private final MutableClock clock = new MutableClock(T0);

    /**
     * A transformer meter whose three blocks each take 300 ms to answer, on the RS-485 defaults (1 s cycle, 10 ms gap,
     * 300 ms timeout): its reads end 920 ms into each cycle, and a pile request is begun only with 320 ms left. The two
     * piles' requests, queued at the start, wait two cycles; at the third's start (2 s) both run, then the transformer
     * meter, 100 ms late.
     */
    @Test
    void pileRequestsThatWaitedTheBoundRunAheadOfTheTransformerReadAndAreSaidOnce() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(40)).takes(1, Duration.ofMillis(300));
        BusPoller poller = slowTransformerMeter(link, BusTiming.defaults(), PileRequestWait.BOUND);
        try (CapturedLog log = new CapturedLog()) {
            CompletableFuture<int[]> a = queued(poller, "a", 7);
            CompletableFuture<int[]> b = queued(poller, "b", 8);

            for (int cycle = 0; cycle < 4; cycle++) {
                poller.runCycle();
            }
            poller.close();

            assertThat(link.requests).as("requests sent").extracting(ScriptedLink.Request::unitId)
                    .containsExactly(1, 1, 1, 1, 1, 1, 7, 8, 1, 1, 1, 1, 1, 1);
            assertThat(link.requests).extracting(ScriptedLink.Request::at).containsExactly(T0, at(310), at(620),
                    at(1000), at(1310), at(1620), at(2000), at(2050), at(2100), at(2410), at(2720),
                    at(3030), at(3340), at(3650));
            assertThat(a.get()).containsExactly(0x200);
            assertThat(b.get()).containsExactly(0x200);
            assertThat(log.lines("WARN")).as(log.text()).singleElement().asString().endsWith("bus chain: pile requests"
                    + " waited 2000 ms unrun (pile a (unit 7), pile b (unit 8)): in the last cycle of 1000 ms the"
                    + " transformer meter reads took 920 ms (meter tx (unit 1): 3 requests for 3 blocks in 920 ms),"
                    + " leaving 80 ms, in which 0 pile requests ran; each is begun only with 320 ms left (the gap, the"
                    + " bus's whole 300 ms timeout, the gap before the transformer read); each that has waited 2000 ms is"
                    + " now run ahead of the next transformer read, which waits for them; give the transformer meter a bus"
                    + " of its own, or shorten the bus's timeout");
        }
    }

    /**
     * The same bus on a short cycle (100 ms, 2 ms gap, 30 ms timeout) and a bound of 300 ms: three requests in turn,
     * each run ahead of the transformer read, are one WARN; once the meter answers quickly a request runs in the
     * cycle's room, and when none has waited the bound for five bounds after the last turn, one INFO.
     */
    @Test
    void aSpellOfTurnsIsOneWarnAndOneInfo() throws Exception {
        ScriptedLink link = new ScriptedLink(clock, Duration.ofMillis(5)).takes(1, Duration.ofMillis(30));
        BusTiming timing = new BusTiming(Duration.ofMillis(100), Duration.ofMillis(2), Duration.ofMillis(30), 0,
                Duration.ofMillis(5), Duration.ofMillis(20));
        BusPoller poller = slowTransformerMeter(link, timing, Duration.ofMillis(300));
        try (CapturedLog log = new CapturedLog()) {
            for (int unit = 7; unit < 10; unit++) {
                CompletableFuture<int[]> request = queued(poller, "p" + unit, unit);
                for (int cycle = 0; cycle < 10 && !request.isDone(); cycle++) {
                    poller.runCycle();
                }
                assertThat(request).as("pile request of unit %d", unit).isDone();
            }
            assertThat(log.lines("WARN", "bus chain")).as(log.text()).hasSize(1);
            assertThat(log.lines("INFO", "bus chain: pile requests")).isEmpty();

            link.takes(1, Duration.ofMillis(5)); // the meter answers quickly again: 25 ms of reads
            CompletableFuture<int[]> inTheRoom = queued(poller, "p7", 7);
            poller.runCycle();
            assertThat(inTheRoom).isDone();
            for (int cycle = 0; cycle < 16; cycle++) {
                poller.runCycle();
            }
            poller.close();

            assertThat(log.lines("WARN", "bus chain")).hasSize(1);
            assertThat(log.lines("INFO", "bus chain: pile requests")).as(log.text()).singleElement().asString()
                    .contains("bus chain: pile requests run in the cycles' room again: none has waited 300 ms in the")
                    .contains("ms since the last of 3 turns ahead of the transformer read, over");
        }
    }

    private BusPoller slowTransformerMeter(ScriptedLink link, BusTiming timing, Duration bound) {
        return new BusPoller(new Bus("chain", new BusEndpoint.Serial("/dev/null", 9600, "none", 8, 1), timing,
                List.of(new Meter("tx", 1, THREE_BLOCKS, MeterRole.TRANSFORMER))), link, new LatestReadings(),
                new CollectingListener(), clock, clock, clock, bound, false, TimeoutBound.ANY);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static RegisterPoint point(String quantity, int address) {
        return new RegisterPoint(quantity, address, FunctionCode.READ_HOLDING_REGISTERS, DataType.UINT16, WordOrder.BIG,
                1, 0);
    }

    /**
     * Pile {@code pile}'s driver reading its unit {@code unit} through {@code poller}, on a thread of its own, once it
     * is queued: the event, not a time.
     */
    private static CompletableFuture<int[]> queued(BusPoller poller, String pile, int unit) {
        PileRequests queue = poller.pileRequests();
        ModbusLink link = queue.forPile(pile);
        int before = queue.waitingNow().size();
        CompletableFuture<int[]> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return link.read(unit, FunctionCode.READ_HOLDING_REGISTERS, 0x200, 1);
            } catch (FieldReadException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (queue.waitingNow().size() == before) {
            Thread.onSpinWait();
        }
        return answer;
    }
}
