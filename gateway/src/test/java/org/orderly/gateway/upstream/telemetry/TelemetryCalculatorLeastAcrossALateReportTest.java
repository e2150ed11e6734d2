package org.orderly.gateway.upstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.upstream.message.TelemetryBody;

/**
 * The cycle's households and the least total now ({@code flex.leastKw}) of a car cut and raised again, where its pile's
 * report after the cut is of a draw measured before it: the car may have followed the cut since, and a reading may
 * hold it at the cut. Until 2026-12-07 such a report reset the least offer since to none (ControlCycle's
 * {@code leastSinceDrawn}, ReportedDraws' {@code leastOfferSinceKw}): raised again, the cut was forgotten, and the
 * cycle took the car's 7.04 kW off a reading that held 1.32 of it: households 4.28 kW for 10, room the transformer did
 * not have. A real cycle with the live policy; one single-phase pile, the car drawing 32 A (7.04 kW), households 10 kW.
 */
class TelemetryCalculatorLeastAcrossALateReportTest {
    private static final double HOUSEHOLDS_KW = 10;
    /** The meter read 100 ms before a cycle. */
    private static final Duration JUST = Duration.ofMillis(100);

    private final OnePileCycle one = new OnePileCycle();

    @Test
    void aReportOfADrawMeasuredBeforeTheCutDoesNotForgetIt() {
        chargeAndCut(false);
        // A second on the car has followed, and the meter (read 100 ms ago) holds it at 6 A; the pile's report coming
        // now carries 32 A measured 1.5 s ago, before the cut was sent. The cut is lifted.
        one.cycle.limitPile(0, 32);
        one.drawnAgo(Duration.ofMillis(1500));
        TelemetryBody raised = one.telemetry(one.run(HOUSEHOLDS_KW + kw(6), JUST, kw(32), true));
        one.drawnAgo(Duration.ZERO);
        TelemetryBody next = one.telemetry(one.runUnread(kw(32), true));

        assertThat(raised.baseKw()).as("the cycle's households, raised: %s", raised).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(next.baseKw()).as("the cycle's households, next: %s", next).isCloseTo(HOUSEHOLDS_KW, within(1e-9));
        assertThat(next.flex().leastKw()).as("the households alone, the car sheddable: %s", next)
                .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
    }

    /**
     * read60d's probe A: the pile's report after the cut is fresh, of a draw measured after the cut was sent, and still
     * says 32 A, as the car has up to 5 s to follow. That draw does not say the car will not follow: the cut in force
     * at it (given a second before) is what the car may draw at any reading until its time to follow is over. Until
     * 2026-12-07 the least offer since that draw left out the offer in force at it, so once the cut was lifted the
     * reading of the car at 6 A was taken to hold 32: households 4.28 kW for 10.
     */
    @Test
    void aFreshReportOfTheOldDrawBeforeTheCarFollowedDoesNotForgetTheCut() {
        chargeAndCut(true);
        // A second on the pile's fresh report still says 32 A: the car has not followed yet. The cut is lifted.
        one.cycle.limitPile(0, 32);
        assertThat(one.run(HOUSEHOLDS_KW + kw(32), JUST, kw(32), true).allocation().amps()[0]).isEqualTo(32);
        // The car follows the cut now (within its 5 s) and the meter reads the dip; the pile says nothing new.
        one.run(HOUSEHOLDS_KW + kw(6), JUST, kw(32), false);
        // Risen again, the pile reports 32 A; the meter is not read again.
        TelemetryBody next = one.telemetry(one.runUnread(kw(32), true));

        assertThat(next.baseKw()).as("the cycle's households: %s", next).isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
        assertThat(next.flex().leastKw()).as("the households alone, the car sheddable: %s", next)
                .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
    }

    /**
     * read61a's probe: cut, a fresh report of the old draw, the car following the cut and the meter reading it, and the
     * cut lifted only part of the way back (to 20 A, below the old draw). The pile's next report says 20 A; the meter is
     * not read again. The car may have been at the cut in the reading, whatever it draws now: until 2026-12-07 the least
     * offer before the new report was carried to the old step only where the offer had gone all the way back up, and
     * the reading of the car at 6 A was taken to hold 20 A: households 6.92 kW for 10. Without a fresh report first
     * the same (the gap is the raise's, not the report's).
     */
    @Test
    void aCutLiftedPartOfTheWayBackIsNotForgottenByTheRisenReport() {
        for (boolean freshReportFirst : new boolean[] {true, false}) {
            OnePileCycle pile = new OnePileCycle();
            pile.chargeAt32(HOUSEHOLDS_KW);
            pile.cycle.limitPile(0, 6);
            assertThat(pile.run(HOUSEHOLDS_KW + kw(32), JUST, kw(32), true).allocation().amps()[0]).isEqualTo(6);
            pile.run(HOUSEHOLDS_KW + kw(32), JUST, kw(32), freshReportFirst);
            // The car follows the cut and the meter reads it at 6 A; the pile says nothing new. Raised to 20 A.
            pile.cycle.limitPile(0, 20);
            assertThat(pile.run(HOUSEHOLDS_KW + kw(6), JUST, kw(32), false).allocation().amps()[0]).isEqualTo(20);
            // Risen to 20 A, the pile reports it; the meter is not read again (its reading holds the car at 6 A).
            TelemetryBody next = pile.telemetry(pile.runUnread(kw(20), true));

            assertThat(next.baseKw()).as("the cycle's households (a fresh report first: %s): %s", freshReportFirst, next)
                    .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
            assertThat(next.flex().leastKw()).as("the households alone, the car sheddable: %s", next)
                    .isGreaterThanOrEqualTo(HOUSEHOLDS_KW - 1e-9);
        }
    }

    /** The car charging at 32 A, then cut to 6 A by a cycle whose pile says 32 A, in a new report or not. */
    private void chargeAndCut(boolean newReport) {
        one.chargeAt32(HOUSEHOLDS_KW);
        one.cycle.limitPile(0, 6);
        assertThat(one.run(HOUSEHOLDS_KW + kw(32), JUST, kw(32), newReport).allocation().amps()[0]).isEqualTo(6);
    }

    private double kw(double amps) {
        return one.kw(amps);
    }
}
