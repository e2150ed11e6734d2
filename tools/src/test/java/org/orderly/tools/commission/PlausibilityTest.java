package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.model.Transformer;

/**
 * What {@code orderly selftest} takes as a live meter's values. A compound draws power: a transformer meter (or a
 * pile meter) that reads power flowing back has a CT the wrong way round or a current on another phase than its
 * voltage, and the gateway, which takes the household load as at least zero, would give the cars the whole
 * transformer.
 */
class PlausibilityTest {
    /** Bounds a total at 600 kW, 3 times its limit. */
    private static final MeterBound TRANSFORMER = new MeterBound.OfTransformer(new Transformer(200, Double.NaN, 230));

    private static Map<String, Double> dtsu666(double totalKw, double aKw, double bKw, double cKw) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("voltage.a.v", 230.0);
        v.put("voltage.b.v", 230.0);
        v.put("voltage.c.v", 230.0);
        v.put("power.total.kw", totalKw);
        v.put("power.a.kw", aKw);
        v.put("power.b.kw", bKw);
        v.put("power.c.kw", cKw);
        v.put("frequency.hz", 50.0);
        return v;
    }

    @Test
    void aCompoundDrawingPowerPasses() {
        assertThat(Plausibility.check(dtsu666(120, 40, 40, 40), TRANSFORMER)).isEmpty();
    }

    @Test
    void anIdleMetersNoiseAroundZeroPasses() {
        assertThat(Plausibility.check(Map.of("voltage.v", 230.0, "power.total.kw", -0.004), TRANSFORMER)).isEmpty();
    }

    /**
     * A map whose floats are read with their words swapped gives 0.00 V or 10^18 V: selftest's line says the range a
     * live supply reads and to check the map's word order. Until 2026-12-05 it said {@code voltage.a.v = 0.00 is
     * implausible (wrong map, scale or wiring?)}, no unit, no range and nothing of the word order.
     */
    @Test
    void aVoltageNoSupplyHasSaysTheRangeAndTheWordOrder() {
        Map<String, Double> swapped = dtsu666(120, 40, 40, 40);
        swapped.put("voltage.a.v", 2.5e-30);
        assertThat(Plausibility.check(swapped, TRANSFORMER)).hasValue("voltage.a.v = 0.00 V is implausible: a live supply reads "
                + "90..300 V phase to neutral; check the map's word order (order: big or little), type and scale against the "
                + "meter's Modbus table, then the wiring");
        swapped.put("voltage.a.v", 230.0);
        swapped.put("frequency.hz", 0.02);
        assertThat(Plausibility.check(swapped, TRANSFORMER)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("frequency.hz = 0.02 Hz is implausible: a live supply reads 45..65 Hz; check the map's word order"));
    }

    @Test
    void aReversedTransformerReadingFailsWithWhatToCheck() {
        assertThat(Plausibility.check(dtsu666(-120, -40, -40, -40), TRANSFORMER)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("power.total.kw = -120.00 kW flows back to the grid")
                .contains("CT")
                .contains("run selftest again"));
    }

    @Test
    void oneReversedOrSwappedPhaseFailsThoughTheTotalLooksRight() {
        assertThat(Plausibility.check(dtsu666(40, 40, -40, 40), TRANSFORMER)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("power.b.kw = -40.00 kW flows back to the grid")
                .contains("another phase"));
    }
}
