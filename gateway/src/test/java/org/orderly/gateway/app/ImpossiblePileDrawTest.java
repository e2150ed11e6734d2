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
import org.orderly.gateway.field.pile.PileRating;
import org.orderly.gateway.field.pile.PileState;
import org.orderly.gateway.web.CapturedLog;

/**
 * A pile meter ({@code meters.piles[]}) reading more than its pile can draw ({@link PileRating#mostKw}: 16 A on 3
 * phases at 300 V is 14.4 kW) is no reading of the pile's draw: the pile is as if its meter had not answered, and one
 * WARN says so, not one a cycle. Until 2026-12-05 a gigawatt read there (a map of the wrong word order or scale) was
 * taken as the car's draw, off the transformer's reading, recorded, charted and priced.
 */
class ImpossiblePileDrawTest {
    private static final Instant NOW = Instant.parse("2026-12-05T07:00:00Z");
    private static final Tick TICK = new Tick(50_000_000_000L);
    private static final Duration STALE_AFTER = Duration.ofMillis(3000);
    /** 2.5 kW read as a float with its words swapped is some such figure. */
    private static final double GIGAWATT = 1.0E9;

    private final LatestReadings readings = new LatestReadings();
    private final FieldView view = new FieldView(readings, "tx", List.of(new FixedPile(powerless("p0"))),
            TimeScale.REAL, () -> TICK, LineSource.NONE, Double.NaN,
            new PileMeters(Map.of(0, "pile-p0"), STALE_AFTER, Map.of(0, new PileRating(6, 16, 3))));

    /** A Modbus pile whose map reads no power: its meter measures its draw. */
    private static PileState powerless(String id) {
        return new PileState(id, ChargeState.C, 16, Double.NaN, Double.NaN, Optional.empty(), NOW, TICK);
    }

    private void meterRead(double kw) {
        readings.publish(new Reading("pile-p0", Map.of(MeterQuantities.TOTAL_POWER, kw), NOW, TICK));
    }

    @Test
    void aMeterReadingMoreThanThePileCanDrawIsAsIfItHadNotAnswered() {
        meterRead(GIGAWATT);

        PileObservation p = view.piles(NOW).get(0);

        assertThat(p.drawKnown()).as("no car's draw: as a silent meter's pile, not measured").isFalse();
        assertThat(p.powerKw()).as("what the pile said (no power register: 0)").isZero();
    }

    @Test
    void aMeterReadingUpToWhatThePileCanDrawMeasuresIt() {
        meterRead(14.4);

        PileObservation p = view.piles(NOW).get(0);

        assertThat(p.drawKnown()).isTrue();
        assertThat(p.powerKw()).isEqualTo(14.4);
    }

    @Test
    void itIsSaidOnceNotAtEveryCycleAndAgainOnlyAfterAPossibleReading() {
        try (CapturedLog log = new CapturedLog()) {
            meterRead(GIGAWATT);
            view.piles(NOW);
            view.piles(NOW);
            view.piles(NOW);

            assertThat(log.lines("WARN", "pile p0: its meter pile-p0 reads power.total.kw = 1.0E9 kW, more than the pile"
                    + " can draw (bound: 16 A on 3 phases at 300 V is 14.4 kW)", "register map (type, scale, word order)",
                    "CT ratio")).as("one WARN for three cycles").hasSize(1);

            meterRead(7.2);
            view.piles(NOW);
            meterRead(GIGAWATT);
            view.piles(NOW);

            assertThat(log.lines("INFO", "pile p0: its meter pile-p0 reads a draw the pile can have again")).hasSize(1);
            assertThat(log.lines("WARN", "pile p0: its meter pile-p0")).as("said again after a possible one").hasSize(2);
        }
    }
}
