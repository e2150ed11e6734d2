package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code orderly selftest} takes as a live meter's values. A compound draws power: a transformer meter (or a
 * pile meter) that reads power flowing back has a CT the wrong way round or a current on another phase than its
 * voltage, and the gateway, which takes the household load as at least zero, would give the cars the whole
 * transformer.
 */
class PlausibilityTest {
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
        assertThat(Plausibility.check(dtsu666(120, 40, 40, 40), 600)).isEmpty();
    }

    @Test
    void anIdleMetersNoiseAroundZeroPasses() {
        assertThat(Plausibility.check(Map.of("voltage.v", 230.0, "power.total.kw", -0.004), 55)).isEmpty();
    }

    @Test
    void aReversedTransformerReadingFailsWithWhatToCheck() {
        assertThat(Plausibility.check(dtsu666(-120, -40, -40, -40), 600)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("power.total.kw = -120.00 kW flows back to the grid")
                .contains("CT")
                .contains("run selftest again"));
    }

    @Test
    void oneReversedOrSwappedPhaseFailsThoughTheTotalLooksRight() {
        assertThat(Plausibility.check(dtsu666(40, 40, -40, 40), 600)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("power.b.kw = -40.00 kW flows back to the grid")
                .contains("another phase"));
    }
}
