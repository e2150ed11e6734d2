package org.orderly.tools.commission;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.gateway.field.modbus.MeterQuantities;

/**
 * What a live meter's values must look like: phase voltages 90..300 V (phase-to-neutral), frequency 45..65 Hz,
 * no power (total or a phase's) flowing back beyond an idle meter's noise (a compound draws power, so a reading below
 * zero is a CT the wrong way round or a current measured on another phase than its voltage), and nothing beyond the
 * bound the running gateway holds the meter to ({@link MeterBound}). Returns the first value that is not, as a
 * sentence.
 */
final class Plausibility {
    /** An idle meter may read a few watts either side of zero; the gateway takes no pile's draw below it either. */
    private static final double NOISE_KW = MeterQuantities.IDLE_NOISE_KW;

    private Plausibility() {
    }

    static Optional<String> check(Map<String, Double> values, MeterBound bound) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String q = e.getKey();
            double v = e.getValue();
            if (!Double.isFinite(v)) {
                return Optional.of(q + " is " + v);
            }
            Optional<String> unlikeASupply = unlikeALiveSupply(q, v);
            if (unlikeASupply.isPresent()) {
                return unlikeASupply;
            }
            if (q.startsWith("power.") && q.endsWith(".kw") && v < -NOISE_KW) {
                return Optional.of(String.format(Locale.ROOT, "%s = %s kW flows back to the grid: a CT the wrong way round, or a "
                        + "current measured on another phase than its voltage (swapped phases); check that each CT points "
                        + "away from the supply (P1 towards the transformer) and sits on its own phase's wire, then run "
                        + "selftest again (with solar panels exporting now, run it when they do not)", q, ReadingBounds.said(v)));
            }
        }
        return bound.beyond(values);
    }

    /**
     * A voltage or frequency no live supply has, as a sentence with the range and what to check: a map whose word
     * order, type or scale does not fit the meter decodes its registers into such values (a float read with its
     * words swapped is 0.00 V or 10^18 V), as a phase not wired reads 0 V. Empty for another quantity.
     */
    static Optional<String> unlikeALiveSupply(String quantity, double v) {
        return SupplyRange.of(quantity).filter(r -> !r.holds(v)).map(r -> String.format(Locale.ROOT, "%s = %s %s is "
                + "implausible: a live supply reads %s; check the map's word order (order: big or little), type and "
                + "scale against the meter's Modbus table, then the wiring", quantity, ReadingBounds.said(v), r.unit(), r.said()));
    }
}
