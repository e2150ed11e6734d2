package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.pile.ChargeState;
import org.orderly.gateway.field.pile.PileState;

/**
 * A pile's bus meter ({@code meters.piles[]}) measures its car's draw where the pile does not: its newest total while
 * no older than a transformer reading may be ({@code control.staleAfterMs}), else the pile's word as before. A pile
 * that measures its draw keeps it. Until 2026-12-04 the bus meter's readings were read for nothing: a Modbus pile
 * without a power register drew 0, not measured, whatever its meter said.
 */
class FieldViewPileMeterTest {
    private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");
    private static final Tick TICK = new Tick(50_000_000_000L);
    private static final Duration STALE_AFTER = Duration.ofMillis(3000);
    /** What the meter of pile 0 ("pile-p0") reads: a car drawing 30 A at 220 V. */
    private static final double METERED_KW = 6.6;

    private final LatestReadings readings = new LatestReadings();

    /** A Modbus pile whose map reads no power. */
    private static PileState powerless(String id) {
        return new PileState(id, ChargeState.C, 32, Double.NaN, Double.NaN, Optional.empty(), NOW, TICK);
    }

    /** Pile 0's observation, with pile 0 metered by "pile-p0" and {@code said} its status. */
    private PileObservation pile0(PileState said) {
        FieldView view = new FieldView(readings, "tx", List.of(new FixedPile(said), new FixedPile(powerless("p1"))),
                TimeScale.REAL, () -> TICK, LineSource.NONE, Double.NaN,
                new PileMeters(Map.of(0, "pile-p0"), STALE_AFTER));
        return view.piles(NOW).get(0);
    }

    private void meterRead(String meter, double kw, Duration ago) {
        readings.publish(new Reading(meter, Map.of(MeterQuantities.TOTAL_POWER, kw, "energy.import.kwh", 1234.5),
                NOW.minus(ago), new Tick(TICK.nanos() - ago.toNanos())));
    }

    @Test
    void aFreshMeterMeasuresTheDrawOfAPileThatSaysNone() {
        meterRead("pile-p0", METERED_KW, STALE_AFTER);

        PileObservation p = pile0(powerless("p0"));

        assertThat(p.powerKw()).as("the meter's total, as old as a transformer reading may be").isEqualTo(METERED_KW);
        assertThat(p.drawKnown()).isTrue();
        assertThat(p.readAt()).as("the pile's times stay its own").isEqualTo(NOW);
        assertThat(p.age()).isZero();
        assertThat(p.drawAt()).as("the draw is of the meter's reading").isEqualTo(NOW.minus(STALE_AFTER));
        assertThat(p.drawAge()).isEqualTo(STALE_AFTER);
    }

    @Test
    void aStaleMeterLeavesThePileAsItSaid() {
        meterRead("pile-p0", METERED_KW, STALE_AFTER.plusMillis(1));

        PileObservation p = pile0(powerless("p0"));

        assertThat(p.powerKw()).isZero();
        assertThat(p.drawKnown()).as("older than control.staleAfterMs").isFalse();
    }

    @Test
    void aMeterNotReadYetOrAnotherPilesLeavesThePileAsItSaid() {
        meterRead("pile-p1", METERED_KW, Duration.ZERO);

        PileObservation p = pile0(powerless("p0"));

        assertThat(p.powerKw()).isZero();
        assertThat(p.drawKnown()).isFalse();
    }

    @Test
    void aPileThatMeasuresItsDrawKeepsIt() {
        meterRead("pile-p0", METERED_KW, Duration.ZERO);

        PileObservation p = pile0(new PileState("p0", ChargeState.C, 32, 6.2, 3.0, Optional.empty(), NOW, TICK));

        assertThat(p.powerKw()).as("its own measurement, read with its status").isEqualTo(6.2);
        assertThat(p.drawKnown()).isTrue();
        assertThat(p.drawAt()).as("of the status's moment").isEqualTo(NOW);
        assertThat(p.drawAge()).isZero();
    }

    @Test
    void aBridgeWhoseOwnMeterIsSilentIsMeasuredByItsBusMeter() {
        meterRead("pile-p0", METERED_KW, Duration.ZERO);
        // It says the most its 32 A offer allows (docs/firmware-bridge.md, meterOk): 7.04 kW.
        PileState estimated = new PileState("p0", ChargeState.C, 32, 7.04, 3.0, Optional.empty(), NOW, TICK, Optional.empty(),
                Optional.empty(), Optional.of(false), Optional.empty(), Optional.empty(), false);

        PileObservation p = pile0(estimated);

        assertThat(p.powerKw()).isEqualTo(METERED_KW);
        assertThat(p.drawKnown()).isTrue();
    }

    @Test
    void aMeterReadingBackwardsIsNoDraw() {
        meterRead("pile-p0", -METERED_KW, Duration.ZERO);

        PileObservation p = pile0(powerless("p0"));

        assertThat(p.drawKnown()).as("wired or set up the wrong way round: not the car's draw").isFalse();
        assertThat(p.powerKw()).isZero();
    }

    @Test
    void aPileWithoutAMeterIsAsItSaid() {
        meterRead("pile-p0", METERED_KW, Duration.ZERO);
        FieldView view = new FieldView(readings, "tx",
                List.of(new FixedPile(powerless("p0")), new FixedPile(powerless("p1"))), TimeScale.REAL, () -> TICK,
                LineSource.NONE, Double.NaN, new PileMeters(Map.of(0, "pile-p0"), STALE_AFTER));

        PileObservation p1 = view.piles(NOW).get(1);

        assertThat(p1.drawKnown()).isFalse();
        assertThat(p1.powerKw()).isZero();
    }
}
