package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transformer meter reading less than the piles alone report drawing: a scale gone wrong for a reading (a thousandth
 * of the load), a CT slipped off its wire. Taken at its word the households would look idle and the cars be given the
 * whole transformer.
 */
class ControlCycleLowReadingTest {
    private static final double SAFE_KW = ControlCycleBackflowTest.SAFE_KW;

    /** The compound, its clock and ticker, and the way to 90 kW of households and the cars in the rest, of this rig. */
    private final ControlCycleBackflowTest rig = new ControlCycleBackflowTest();
    private final ControlCycle cycle = rig.planningCycle();

    private TransformerReading reading(double totalKw) {
        return rig.reading(totalKw);
    }

    private List<PileObservation> drawing(double[] amps) {
        return rig.drawing(amps);
    }

    private double evKw(double[] amps) {
        return rig.evKw(amps);
    }

    private void advance(int seconds) {
        rig.advance(seconds);
    }

    /** 90 kW of households, the cars in the 10 kW they leave, no reading of a right meter taken as below them. */
    private double[] charging() {
        return rig.charging(cycle, r -> assertThat(r.belowPiles()).as("a right meter's reading").isNull());
    }

    /**
     * One reading a thousandth of the load: the households are as the last plausible reading had them. Until 2026-12-06
     * they were taken as 0 and the cars given 21.12 kW, every pile's maximum, where the transformer had 10 kW to spare.
     */
    @Test
    void oneReadingAThousandTimesTooLowGivesTheCarsNoMoreRoom() {
        double[] amps = charging();
        double lowKw = (90 + evKw(amps)) / 1000;

        CycleResult r = cycle.run(reading(lowKw), drawing(amps), List.of());

        assertThat(evKw(r.allocation().amps())).as("EV kW on a reading of %s kW (%s, households %s kW)", lowKw,
                r.mode(), r.baseKw()).isLessThanOrEqualTo(10 + 1e-6);
        assertThat(r.mode()).as("the last plausible reading is recent").isEqualTo(ControlMode.NORMAL);
        assertThat(r.baseKw()).as("the households as last known").isCloseTo(90, within(0.5));
        assertThat(r.belowPiles()).isEqualTo(new BelowPiles(lowKw, evKw(amps)));

        advance(1);
        CycleResult after = cycle.run(reading(90 + evKw(amps)), drawing(amps), List.of());
        assertThat(after.belowPiles()).as("the next right reading").isNull();
        assertThat(after.mode()).isEqualTo(ControlMode.NORMAL);
    }

    /** A meter stuck a thousandth low: the last plausible reading grows too old, and only the safe power is shared. */
    @Test
    void aReadingStuckLowIsNoReadingOnceNoPlausibleOneIsRecent() {
        double[] amps = charging();
        CycleResult r = null;
        for (int s = 0; s <= 8; s++) {
            r = cycle.run(reading((90 + evKw(amps)) / 1000), drawing(amps), List.of());
            amps = r.allocation().amps().clone();
            assertThat(evKw(amps)).as("EV kW %d s into the low readings (%s, households %s kW)", s, r.mode(),
                    r.baseKw()).isLessThanOrEqualTo(10 + 1e-6);
            advance(1);
        }
        assertThat(r.mode()).isEqualTo(ControlMode.CONSERVATIVE);
        assertThat(r.baseKw()).isNaN();
        assertThat(r.belowPiles()).isNotNull();
        assertThat(evKw(amps)).isLessThanOrEqualTo(SAFE_KW + 1e-6);
    }

    /**
     * Piles whose own meters are silent say the most their offers allow, an estimate: cars that draw nothing meanwhile
     * make a right total read far below it, which is no meter gone wrong.
     */
    @Test
    void estimatedDrawsAreNotHeldAgainstTheTotal() {
        double[] amps = charging();
        List<PileObservation> estimated = new ArrayList<>();
        for (PileObservation o : drawing(amps)) {
            estimated.add(observation(o.pileIndex(), true, o.powerKw(), 0, o.readAt()).drawKnown(false).build());
        }

        // The households gone quiet too: 1 kW, well below the estimates' 10 kW.
        CycleResult r = cycle.run(reading(1), estimated, List.of());

        assertThat(r.belowPiles()).as("households alone, beside %s kW estimated", evKw(amps)).isNull();
    }

    /**
     * At night, households of 0.3 kW and three cars at their most: one stops on its own (full) in the second between its
     * pile's report and the reading, which rightly lacks its draw. The reading is below the piles, and the households
     * are as last known, which they are, until the pile says it: the cars are offered as before, and the next reading
     * with the pile's word is taken at its own.
     */
    @Test
    void aCarThatStoppedSinceItsPilesReportKeepsTheHouseholdsAsLastKnownUntilThePileSaysIt() {
        double[] amps = rig.chargingBeside(cycle, 0.3, r -> assertThat(r.belowPiles()).isNull());
        List<PileObservation> said = drawing(amps);
        double stoppedKw = said.get(0).powerKw();
        advance(1);

        CycleResult r = cycle.run(reading(0.3 + evKw(amps) - stoppedKw), aSecondOld(said), List.of());

        assertThat(r.mode()).isEqualTo(ControlMode.NORMAL);
        assertThat(r.baseKw()).as("the households as last known").isCloseTo(0.3, within(0.05));
        assertThat(evKw(r.allocation().amps())).as("the cars as before").isCloseTo(evKw(amps), within(1e-6));

        advance(1);
        double[] stopped = amps.clone();
        stopped[0] = 0;
        CycleResult next = cycle.run(reading(0.3 + evKw(stopped)), drawing(stopped), List.of());
        assertThat(next.belowPiles()).as("the pile said its car stopped").isNull();
        assertThat(next.baseKw()).isCloseTo(0.3, within(0.05));
    }

    /** Piles that said their draws a second before the reading: one car may have stopped since, the rest not. */
    @Test
    void aReadingAThousandTimesTooLowIsCaughtBesidePilesThatSaidTheirDrawsBeforeIt() {
        double[] amps = charging();
        List<PileObservation> said = drawing(amps);
        advance(1);
        List<PileObservation> aSecondOld = aSecondOld(said);

        CycleResult r = cycle.run(reading((90 + evKw(amps)) / 1000), aSecondOld, List.of());

        assertThat(r.belowPiles()).as("a thousandth of the load beside %s kW of cars", evKw(amps)).isNotNull();
        assertThat(evKw(r.allocation().amps())).isLessThanOrEqualTo(10 + 1e-6);
    }

    /** Within the margin a total is a right meter's: the meters' classes and a car that drew less since it said. */
    @Test
    void aTotalJustBelowThePilesIsTakenAsItIs() {
        assertThat(BelowPiles.of(0.85 * 20, 20)).as("15 %% below 20 kW").isPresent();
        assertThat(BelowPiles.of(0.9 * 20 - 0.4, 20)).as("within 10 %% and half a kW").isEmpty();
        assertThat(BelowPiles.of(0, 0.4)).as("an idle meter beside a pile's noise").isEmpty();
        assertThat(BelowPiles.of(Double.NaN, 20)).as("no number is judged elsewhere").isEmpty();
    }

    /** {@code said} as heard a second ago, draws included. */
    private static List<PileObservation> aSecondOld(List<PileObservation> said) {
        List<PileObservation> out = new ArrayList<>();
        for (PileObservation o : said) {
            out.add(observation(o.pileIndex(), true, o.powerKw(), 0, o.readAt()).age(Duration.ofSeconds(1)).build());
        }
        return out;
    }
}
