package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.ModbusPileConfig;
import org.orderly.gateway.field.pile.ModbusPileDriver;
import org.orderly.gateway.field.pile.PileFailure;
import org.orderly.gateway.field.pile.PileFailureKind;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.gateway.web.CapturedLog;

/**
 * A serial bus shared by meters and Modbus piles whose port is not there (the adapter unplugged): j2mod and jSerialComm
 * asked for it each time, through the poller as the gateway runs it, its cycles on a controlled clock. One WARN says
 * it, naming the port and every meter and pile on it, however many requests meet it; the port is tried again at the
 * next cycle, then after 2, 4, 8... cycles; meanwhile the meters fail without a request (stale) and the piles' requests
 * fail at once, reported to their drivers' listeners (offline once unheard long enough) without a WARN of their own.
 * Until 2026-12-04 each meter and pile logged a WARN of its own in jSerialComm's words (Unable to create a serial port
 * object from the invalid port descriptor), and every request and retry opened the port again.
 */
class SharedSerialPortShutTest {
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(200), Duration.ofMillis(5),
            Duration.ofMillis(150), 2, Duration.ofMillis(10), Duration.ofMillis(40));
    private static final int CYCLES = 40;

    @TempDir
    Path dir;

    @Test
    void aMissingPortIsSaidOnceForItsMetersAndPilesAndTriedAgainLessAndLessOften() throws Exception {
        Path absent = dir.resolve("ttyUSB9");
        BusEndpoint port = new BusEndpoint.Serial(absent.toString(), 9600, "none", 8, 1);
        RegisterMap meterMap = DeviceMaps.load("chint-dtsu666");
        Bus bus = new Bus("chain", port, TIMING, List.of(new Meter("tx", 1, meterMap, MeterRole.TRANSFORMER),
                new Meter("pm", 4, meterMap, MeterRole.PILE)), List.of("a", "b"));
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T19:00:00Z"));
        CountedCycles cycles = new CountedCycles();
        LatestReadings readings = new LatestReadings();
        List<PileFailure> failures = new CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog()) {
            BusPoller poller = BusPollers.onLink(bus, new J2modLink(port, TIMING.timeout()), readings, cycles, clock, clock,
                    clock);
            try (ModbusPileDriver a = onBus(poller, port, "a", 2, failures);
                    ModbusPileDriver b = onBus(poller, port, "b", 3, failures)) {
                cycles.run(poller, CYCLES);

                assertThat(log.lines("WARN")).as(log.text()).singleElement().asString().endsWith("bus chain: no serial port "
                        + absent + ": nothing is at that path; check the port of bus 'chain' in the configuration (the "
                        + "RS-485 adapter unplugged, or another name: ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/ lists "
                        + "the serial ports); not read: meter tx (unit 1), meter pm (unit 4); not driven: pile a, pile b; the "
                        + "port is tried again at the next cycle, then after twice as many cycles each time it stays shut, "
                        + "up to every 32");
                assertThat(cycles.cyclesFailingSent("tx")).as("the cycles the port was tried in; %s", cycles)
                        .containsExactly(1, 2, 4, 8, 16, 32);
                assertThat(cycles.cyclesFailing("tx", FailureKind.CONNECTION)).as("the transformer meter: stale, each cycle")
                        .isEqualTo(CYCLES);
                assertThat(cycles.cyclesFailingSent("pm")).as("the pile meter: never sent to the shut port").isEmpty();
                assertThat(readings.latest("tx")).isEmpty();
                for (String pile : List.of("a", "b")) {
                    assertThat(failures).as("pile %s's failures", pile).filteredOn(f -> f.pileId().equals(pile))
                            .isNotEmpty().allSatisfy(f -> assertThat(f.kind()).isEqualTo(PileFailureKind.CONNECTION));
                }
                assertThat(a.latest()).isEmpty();
                assertThat(b.latest()).isEmpty();
            } finally {
                poller.close();
            }
        }
    }

    /** A pile driven through {@code poller}, its status read every second: several times in the test's cycles. */
    private static ModbusPileDriver onBus(BusPoller poller, BusEndpoint port, String id, int unit,
                                          List<PileFailure> failures) throws Exception {
        ModbusPileConfig config = ModbusPileConfig.of(id, port, unit,
                        PileMapLoader.load(DeviceMaps.directory().resolve("piles").resolve("generic-pile.yaml")))
                .onBus("chain").with(LeaseTiming.defaults(), Duration.ofSeconds(1));
        return ModbusPileDriver.startOnBus(config, poller.pileRequests(), failures::add, Clock.systemUTC(), Ticker.SYSTEM);
    }
}
