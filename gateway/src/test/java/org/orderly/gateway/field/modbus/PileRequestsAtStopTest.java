package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.ModbusPileConfig;
import org.orderly.gateway.field.pile.ModbusPileDriver;
import org.orderly.gateway.field.pile.PileFailure;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * A serial bus's poller closed (the gateway stopping) while its pile drivers' requests wait for it: those requests, and
 * those the drivers make before they are closed in turn, end as a stop, which is no failure of the piles: nothing is
 * reported to their listeners, no WARN logged. The poller is never started, so the drivers' requests stay queued.
 */
class PileRequestsAtStopTest {

    @Test
    void requestsAbandonedByThePollersStopAreNoFailure() throws Exception {
        PileMap map = PileMapLoader.load(DeviceMaps.directory().resolve("piles").resolve("generic-pile.yaml"));
        BusEndpoint port = new BusEndpoint.Serial("/dev/ttyUSB0", 9600, "none", 8, 1);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T19:00:00Z"));
        BusPoller poller = BusPollers.onLink(new Bus("chain", port, BusTiming.defaults(),
                List.of(new Meter("tx", 1, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER))),
                new ScriptedLink(clock, Duration.ofMillis(40)), new LatestReadings(), new CollectingListener(), clock,
                clock, clock);
        List<PileFailure> failures = new CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog()) {
            ModbusPileDriver a = onBus(poller, port, "a", 2, map, failures);
            ModbusPileDriver b = onBus(poller, port, "b", 3, map, failures);
            a.offer(16.0); // its write waits behind its status read: made once the poller is closed
            b.offer(10.0);
            PileRequests queue = (PileRequests) poller.pileRequests();
            Await.until("a pile driver's status read waiting for the poller", Duration.ofSeconds(30),
                    () -> queue.peek().isPresent());

            poller.close();
            a.close();
            b.close();

            assertThat(failures).as("failures reported to the piles' listeners").isEmpty();
            assertThat(log.lines("WARN")).as(log.text()).isEmpty();
        }
    }

    /** A driver whose status read comes a minute after its first: no request of its own timing after the stop. */
    private static ModbusPileDriver onBus(BusPoller poller, BusEndpoint port, String id, int unit, PileMap map,
                                          List<PileFailure> failures) {
        ModbusPileConfig config = ModbusPileConfig.of(id, port, unit, map).onBus("chain")
                .with(LeaseTiming.defaults(), Duration.ofMinutes(1));
        return ModbusPileDriver.startOnBus(config, poller.pileRequests(), failures::add, Clock.systemUTC(), Ticker.SYSTEM);
    }
}
