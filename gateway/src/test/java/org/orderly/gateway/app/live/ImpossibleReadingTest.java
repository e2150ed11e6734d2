package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.live.ReadingBuilder.meterReading;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Transformer;

/**
 * A reading beyond {@link org.orderly.gateway.field.ReadingBounds#TRANSFORMER_TIMES} what the transformer may carry is named with its
 * quantity, value and bound; one a transformer can give, overloaded or not, is not.
 */
class ImpossibleReadingTest {
    private static final Instant AT = Instant.parse("2026-12-05T06:40:00Z");
    /** 100 kW, each line 160 A at 230 V (36.8 kW). */
    private static final Transformer LINES_LIMITED = new Transformer(100, 160, 230);
    private static final Transformer NO_LINE_LIMIT = new Transformer(100, Double.NaN, 230);

    private static TransformerReading reading(double totalKw, Map<String, Double> phaseKw, Map<String, Double> phaseA) {
        return meterReading(totalKw, AT, Duration.ZERO).phaseKw(phaseKw).lines(MeterLines.UNREAD).phaseA(phaseA).build();
    }

    @Test
    void aGigawattTotalWithThirtyAmpsOnEachPhaseIsImpossible() {
        TransformerReading gigawatt = reading(1e9, Map.of(), Map.of("current.a.a", 30.0, "current.b.a", 30.0,
                "current.c.a", 30.0));

        assertThat(ImpossibleReading.in(gigawatt, LINES_LIMITED))
                .contains(new ImpossibleReading("power.total.kw", 1e9, 300, "kW"));
        assertThat(ImpossibleReading.in(gigawatt, LINES_LIMITED).orElseThrow().describe()).isEqualTo("power.total.kw"
                + " = 1.0E9 kW is more than the transformer can carry (bound 300 kW, 3 times its limit); check the"
                + " meter's register map (type, scale, word order) and the CT ratio");
    }

    @Test
    void anOverloadedTransformerIsStillAReading() {
        TransformerReading overloaded = reading(150, Map.of("power.a.kw", 60.0, "power.b.kw", 50.0, "power.c.kw", 40.0),
                Map.of("current.a.a", 261.0, "current.b.a", 217.0, "current.c.a", 174.0));

        assertThat(ImpossibleReading.in(overloaded, LINES_LIMITED)).isEmpty();
        assertThat(ImpossibleReading.in(reading(-12.4, Map.of(), Map.of()), LINES_LIMITED)).as("flowing back: a CT")
                .isEmpty();
    }

    @Test
    void aPhaseIsBoundedByItsLineLimitOrElseByTheWholeTransformer() {
        TransformerReading phase = reading(40, Map.of("power.a.kw", 120.0), Map.of());
        TransformerReading current = reading(40, Map.of(), Map.of("current.b.a", -500.0));

        assertThat(ImpossibleReading.in(phase, LINES_LIMITED)).hasValueSatisfying(i -> {
            assertThat(i.quantity()).isEqualTo("power.a.kw");
            assertThat(i.bound()).isCloseTo(3 * 36.8, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(ImpossibleReading.in(phase, NO_LINE_LIMIT)).as("under 3 x 100 kW").isEmpty();
        assertThat(ImpossibleReading.in(current, LINES_LIMITED))
                .contains(new ImpossibleReading("current.b.a", -500, 480, "A"));
        assertThat(ImpossibleReading.in(current, NO_LINE_LIMIT)).as("under 3 x 100 kW at 230 V, 1304 A").isEmpty();
    }
}
