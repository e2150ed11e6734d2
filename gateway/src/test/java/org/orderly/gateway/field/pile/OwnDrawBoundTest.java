package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.app.ImpossibleDraw;
import org.orderly.gateway.web.CapturedLog;

/**
 * A Modbus pile's own power above what it can draw is said as a pile meter's is ({@link ImpossibleDraw}): its WARN's
 * wording, once while it lasts, its number written the same way as the pile meter's line writes it (two decimals up
 * to a million, as Java writes it beyond), and its end at INFO once. Until 2026-12-05 the pile's own line said
 * {@code 163840 kW} and {@code 2.5 kW} where the pile meter's said {@code 163840.00 kW}.
 */
class OwnDrawBoundTest {
    private static final PileRating RATING = new PileRating(6, 16, 3);

    @Test
    void itsWarnSaysThePowerAsAPileMetersImpossibleDrawDoesOnceAndItsEndOnce() {
        OwnDrawBound bound = new OwnDrawBound("M7", Optional.of(RATING));
        try (CapturedLog log = new CapturedLog()) {
            assertThat(bound.taken(163840)).isNaN();
            assertThat(bound.taken(163840)).as("still impossible").isNaN();
            assertThat(bound.taken(Double.NaN)).as("no power read: not the impossible one's end").isNaN();
            assertThat(bound.taken(2.5)).isEqualTo(2.5);
            assertThat(bound.taken(2.5)).isEqualTo(2.5);
            assertThat(bound.taken(1e9)).isNaN();

            assertThat(log.lines("WARN", "pile M7: its map reads power.total.kw = 163840.00 kW, more than the pile can"
                    + " draw (bound: 16 A on 3 phases at 300 V is 14.4 kW); not taken as its car's draw, the pile's draw"
                    + " is not measured; " + OwnDrawBound.CHECK)).as(log.text()).hasSize(1);
            assertThat(log.lines("INFO", "pile M7: its map reads a power the pile can draw again, 2.50 kW"))
                    .as(log.text()).hasSize(1);
            assertThat(log.lines("WARN", "pile M7: its map reads power.total.kw = 1.0E9 kW, more than"))
                    .as("said again after its end: " + log.text()).hasSize(1);
        }
        for (double kw : new double[] {163840, 1e9, 20.125}) {
            String meters = ImpossibleDraw.judged("M7", "pile-M7", kw, RATING).read();
            String number = meters.substring(meters.indexOf(" = ") + 3, meters.indexOf(" kW,"));
            try (CapturedLog log = new CapturedLog()) {
                new OwnDrawBound("M7", Optional.of(RATING)).taken(kw);
                assertThat(log.lines("WARN", "power.total.kw = " + number + " kW, more than the pile can draw"))
                        .as("the pile meter's line says %s: %s", number, log.text()).hasSize(1);
            }
        }
    }
}
