package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.testkit.Await;
import org.orderly.testkit.SteppedClock;

/**
 * A bridge's {@code sessionEnergyKwh} held to what a session can count ({@link SessionEnergyBound}), against the real
 * driver and a {@link HostileBridge} on 127.0.0.1 (docs/firmware-bridge.md, "Hostile bridges"): a count no session
 * reaches, or a jump more than the pile (32 A on 1 phase: 9.6 kW) could deliver since, is a malformed status and the
 * last status taken stays; a count that goes back (a bridge restarted, another car) is taken. Until 2026-12-06 a
 * bridge's {@code 1e300} became its session's delivered energy, upstream and on the page.
 */
class ImpossibleSessionEnergyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static CoapPileDriver started(HostileBridge bridge, PileListener listener) throws InterruptedException {
        return started(bridge, listener, Clock.systemUTC());
    }

    private static CoapPileDriver started(HostileBridge bridge, PileListener listener, Clock clock)
            throws InterruptedException {
        CoapPileConfig config = CoapPileConfig.plain("P1", "127.0.0.1", bridge.port())
                .with(LeaseTiming.ofSeconds(3), Duration.ofMillis(900), Duration.ofMillis(1500))
                .withRating(new PileRating(6, 32, 1));
        CoapPileDriver driver = CoapPileDriver.start(config, listener, clock);
        try {
            Await.until("a status taken", PATIENCE, () -> driver.latest().isPresent());
        } catch (InterruptedException | RuntimeException | Error e) {
            driver.close();
            throw e;
        }
        return driver;
    }

    private static String counting(double sessionEnergyKwh) {
        return HostileBridge.CHARGING.replace("\"sessionEnergyKwh\":1.0", "\"sessionEnergyKwh\":" + sessionEnergyKwh);
    }

    private static void says(HostileBridge bridge, String status) {
        bridge.status.set(HostileBridge.Reply.json(status));
        bridge.notifyObservers();
    }

    static List<Arguments> impossibleCounts() {
        return List.of(
                Arguments.of("no session's count", counting(1e300),
                        "/status sessionEnergyKwh 1.0E300 kWh is no session's count of pile P1: a session counts 0 to 1000 kWh"),
                // The session a bridge says ended is held to the same bound: it is its car's delivered energy.
                Arguments.of("no session's ended count", HostileBridge.CHARGING.replace("}",
                                ",\"lastSession\":{\"pluggedSeconds\":9000,\"endedSeconds\":900,\"energyKwh\":1e300}}"),
                        "/status lastSession.energyKwh 1.0E300 kWh is no session's count of pile P1"),
                // Within the bound no session passes, but 9.6 kW delivers 0.03 kWh in the 10 s a status may be late.
                Arguments.of("a jump", counting(500), "/status sessionEnergyKwh 500.00 kWh is 499.00 kWh more than 1.00 kWh"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleCounts")
    void anImpossibleCountIsMalformedAndTheLastStatusStays(String what, String status, String said) throws Exception {
        RecordingListener listener = new RecordingListener();
        try (HostileBridge bridge = new HostileBridge();
             CoapPileDriver driver = started(bridge, listener)) {
            says(bridge, status);
            Await.untilSeeing("the count refused", PATIENCE, () -> listener.has(PileFailureKind.MALFORMED),
                    () -> listener.failures);

            assertThat(listener.failures).filteredOn(f -> f.kind() == PileFailureKind.MALFORMED).first()
                    .satisfies(f -> assertThat(f.message()).contains(said));
            assertThat(driver.latest()).as("the last status taken").hasValueSatisfying(p -> {
                assertThat(p.sessionEnergyKwh()).isEqualTo(1.0);
                assertThat(p.lastSession()).isEmpty();
            });
        }
    }

    @Test
    void aCountThatGoesBackIsTakenAndTheNextJudgedFromIt() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (HostileBridge bridge = new HostileBridge();
             CoapPileDriver driver = started(bridge, listener)) {
            says(bridge, counting(0.2)); // the bridge restarted: its count begins again
            Await.untilSeeing("0.2 kWh taken", PATIENCE,
                    () -> driver.latest().orElseThrow().sessionEnergyKwh() == 0.2, () -> listener.failures);
            says(bridge, counting(0.205));
            Await.untilSeeing("0.205 kWh taken", PATIENCE,
                    () -> driver.latest().orElseThrow().sessionEnergyKwh() == 0.205, () -> listener.failures);

            assertThat(listener.failures).as("nothing refused").noneMatch(f -> f.kind() == PileFailureKind.MALFORMED);
        }
    }

    @Test
    void aWallClockSteppedForwardBetweenStatusesGivesThePileNoMoreTimeToHaveCounted() throws Exception {
        // A real gateway's pile counts real seconds: the time since its last count is the ticker's, whatever the wall
        // clock says. Until 2026-12-07 an hour's step between statuses a second apart was taken for a world run 3601
        // times faster, and 105.64 kWh allowed.
        RecordingListener listener = new RecordingListener();
        SteppedClock clock = new SteppedClock();
        try (HostileBridge bridge = new HostileBridge();
             CoapPileDriver driver = started(bridge, listener, clock)) {
            clock.step(Duration.ofHours(1));
            says(bridge, counting(2.0));
            Await.untilSeeing("1 kWh more, an hour later on the wall clock, refused", PATIENCE,
                    () -> listener.has(PileFailureKind.MALFORMED), () -> listener.failures);

            assertThat(listener.failures).filteredOn(f -> f.kind() == PileFailureKind.MALFORMED).first()
                    .satisfies(f -> assertThat(f.message()).contains("2.00 kWh is 1.00 kWh more than 1.00 kWh"));
            assertThat(driver.latest()).as("the last status taken")
                    .hasValueSatisfying(p -> assertThat(p.sessionEnergyKwh()).isEqualTo(1.0));
        }
    }
}
