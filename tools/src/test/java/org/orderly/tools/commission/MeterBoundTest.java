package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.pile.PileRating;

/**
 * selftest holds a meter's values to the bounds the running gateway does ({@code ReadingBounds}), with the gateway's
 * line. Until 2026-12-05 it held a transformer's total to 1.5 times {@code limitKw} and nothing else (a phase's current
 * read as a gigawatt passed, and the gateway then ran conservatively from its first cycle), and a pile meter's total to
 * 80 A on 3 phases whatever its pile (a 16 A pile's meter reading 20 kW passed, and the gateway took it as none).
 */
class MeterBoundTest {
    /** 100 kW, no line limit: a total to 300 kW, a phase's current to 3 x 100 kW at 230 V, 1304 A. */
    private static final MeterBound TRANSFORMER = new MeterBound.OfTransformer(new Transformer(100, Double.NaN, 230));
    /** 16 A on one phase: at most 4.8 kW. */
    private static final MeterBound PILE = new MeterBound.OfPile("p1", "pile-p1", new PileRating(6, 16, 1));

    @Test
    void anOverloadedTransformerIsAReadingAsTheGatewayTakesIt() {
        assertThat(TRANSFORMER.beyond(Map.of("power.total.kw", 200.0, "current.a.a", 1300.0))).isEmpty();
    }

    @Test
    void aPhasesCurrentNoTransformerCarriesFailsWithTheGatewaysLine() {
        assertThat(TRANSFORMER.beyond(Map.of("power.total.kw", 60.0, "current.a.a", 1e9)))
                .hasValue("current.a.a = 1.0E9 A is more than the transformer can carry (bound 1304 A, 3 times its"
                        + " limit); check the meter's register map (type, scale, word order) and the CT ratio");
        assertThat(TRANSFORMER.beyond(Map.of("power.total.kw", -301.0))).as("either sign")
                .hasValueSatisfying(s -> assertThat(s).startsWith("power.total.kw = -301.00 kW is more than"));
    }

    @Test
    void aPileMeterIsHeldToWhatItsPileCanDraw() {
        assertThat(PILE.beyond(Map.of("power.total.kw", 4.8))).isEmpty();
        assertThat(PILE.beyond(Map.of("voltage.v", 230.0))).as("no total: nothing to judge").isEmpty();
        assertThat(PILE.beyond(Map.of("power.total.kw", 20.0))).hasValue("pile p1: its meter pile-p1 reads"
                + " power.total.kw = 20.00 kW, more than the pile can draw (bound: 16 A on 1 phase at 300 V is 4.8 kW);"
                + " check the meter's register map (type, scale, word order) and its CT ratio");
    }

    @Test
    void selftestsChecksSayTheBoundAfterTheSupplysOwn() {
        assertThat(Plausibility.check(Map.of("voltage.v", 230.0, "power.total.kw", 20.0), PILE))
                .hasValueSatisfying(s -> assertThat(s).contains("more than the pile can draw"));
        assertThat(Plausibility.check(Map.of("voltage.v", 0.0, "power.total.kw", 20.0), PILE))
                .hasValueSatisfying(s -> assertThat(s).startsWith("voltage.v = 0.00 V is implausible"));
    }
}
