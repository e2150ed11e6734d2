package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;

/**
 * One pile's report that the field view cannot place (a car plugged in for 2^63-1 seconds: before any instant) is that
 * pile not heard, and every other pile is controlled as ever. Until 2026-12-07 {@code FieldView.piles} threw
 * ({@code DateTimeException}) in every control cycle while the report stood, before the cycle ran: no pile was offered a
 * current and {@link ControlLoop#cycles()} stayed 0.
 */
class ControlLoopUnplaceableReportTest {
    private static final Instant T = Instant.parse("2026-12-07T17:00:00Z");
    private static final Duration NO_INSTANT_REACHES = Duration.ofSeconds(Long.MAX_VALUE);

    @TempDir
    Path dir;

    private final Compound compound = CompoundFixtures.compound().limitKw(100)
            .pile("P1", Phase.A, null).pile("P2", Phase.B, null).build();
    private final VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);
    private final TestTicker ticker = new TestTicker();
    private final LatestReadings readings = new LatestReadings();
    private final PluggedTestPile healthy = new PluggedTestPile("P1", clock, ticker);
    private final PluggedTestPile unplaceable = new PluggedTestPile("P2", clock, ticker);
    private Store store;
    private ControlLoop loop;

    @AfterEach
    void stop() {
        LoopBuilder.close(loop, store);
    }

    @Test
    void aPileWhoseReportCannotBePlacedIsNotHeardAndTheOtherIsStillOfferedACurrent() {
        unplaceable.pluggedFor = NO_INSTANT_REACHES;
        start();
        for (int s = 0; s < 3; s++) {
            second();
        }

        assertThat(loop.cycles()).as("cycles run").isEqualTo(3);
        assertThat(loop.failures()).as("cycles failed").isZero();
        assertThat(loop.lastResult().mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(loop.lastResult().allocation().amps()[0]).as("amperes offered to the healthy pile").isPositive();
        assertThat(healthy.offered).as("amperes the healthy pile's driver was sent").isPositive();
        PileObservation seen = loop.lastCycle().piles().get(1);
        assertThat(seen.reported()).as("the pile whose report cannot be placed, heard").isFalse();
        assertThat(loop.lastResult().allocation().amps()[1]).as("amperes offered to it").isZero();
        assertThat(loop.lastResult().reserved().amps()).as("room held for whatever its car draws, as for a pile not heard")
                .containsEntry(1, 32.0);
    }

    @Test
    void aPileWhoseReportCannotBePlacedAnyMoreStandsOnItsLastPlacedReport() {
        start();
        second();
        Instant lastPlaced = loop.lastCycle().piles().get(1).readAt();
        unplaceable.pluggedFor = NO_INSTANT_REACHES;
        second();
        second();

        assertThat(loop.cycles()).as("cycles run").isEqualTo(3);
        PileObservation seen = loop.lastCycle().piles().get(1);
        assertThat(seen.reported()).as("heard before").isTrue();
        assertThat(seen.readAt()).as("the report it stands on").isEqualTo(lastPlaced);
        assertThat(seen.age()).as("its age, grown as a refused status's last accepted one's").isEqualTo(Duration.ofSeconds(2));
        assertThat(loop.lastResult().allocation().amps()[0]).as("amperes offered to the healthy pile").isPositive();

        // Its last placed report ages on until the pile is offline (control.pileOfflineAfterMs, 70 s): its room held.
        for (int s = 0; s < 70; s++) {
            second();
        }
        assertThat(loop.failures()).as("cycles failed").isZero();
        assertThat(loop.lastResult().reasons().get(1)).as("the pile, its last placed report 72 s old")
                .isEqualTo(PileReason.PILE_OFFLINE);
        assertThat(loop.lastResult().reserved().amps()).as("room held for it, offline").containsEntry(1, 32.0);
        assertThat(loop.lastResult().reasons().get(0)).as("the healthy pile, heard").isNotEqualTo(PileReason.PILE_OFFLINE);
    }

    /**
     * The page says the pile whose report cannot be placed as such, in its row (PileRow.reportUnplaceable, docs/web.md):
     * the loop tells it while it stands, and no longer once a report of the pile is placed again. Until 2026-12-07 the
     * page had no word of it, only the log's ERROR: the pile aged to offline unexplained.
     */
    @Test
    void thePageIsToldWhichPilesReportCannotBePlacedWhileItStands() {
        start();
        second();
        assertThat(loop.reportUnplaceable("P2")).as("placed, before").isFalse();
        unplaceable.pluggedFor = NO_INSTANT_REACHES;
        second();
        second();

        assertThat(loop.reportUnplaceable("P2")).as("its report cannot be placed").isTrue();
        assertThat(loop.reportUnplaceable("P1")).as("the healthy pile").isFalse();
        unplaceable.pluggedFor = Duration.ofMinutes(5);
        second();
        assertThat(loop.reportUnplaceable("P2")).as("placed again").isFalse();
    }

    @Test
    void inASpedUpWorldADurationBeyondAnyTimeScaledIsNotHeardEither() {
        // 300 years, beyond the nanoseconds a sped-up world is scaled in (a bridge saying so is refused: 292 years).
        unplaceable.pluggedFor = Duration.ofDays(300 * 365);
        start(new TimeScale(T, T, 60));
        second();
        second();

        assertThat(loop.cycles()).as("cycles run").isEqualTo(2);
        assertThat(loop.lastCycle().piles().get(1).reported()).as("the pile whose report cannot be placed, heard").isFalse();
        assertThat(loop.lastResult().allocation().amps()[0]).as("amperes offered to the healthy pile").isPositive();
    }

    private void start() {
        start(TimeScale.REAL);
    }

    private void start(TimeScale scale) {
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock);
        loop = LoopBuilder.loop(compound, store, clock, List.of(healthy, unplaceable)).ticker(ticker).readings(readings)
                .scale(scale).period(Duration.ofSeconds(1)).build();
    }

    /** A second passes, the transformer meter is read (20 kW of households), and a cycle runs. */
    private void second() {
        clock.set(clock.instant().plusSeconds(1));
        ticker.advance(Duration.ofSeconds(1));
        readings.publish(new Reading("tx", Map.of(FieldView.TOTAL_POWER, 20.0), clock.instant(), ticker.now()));
        loop.runCycle();
    }
}
