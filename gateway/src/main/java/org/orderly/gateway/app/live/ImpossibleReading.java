package org.orderly.gateway.app.live;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.gateway.field.modbus.MeterQuantities;

/**
 * A transformer meter's quantity read beyond what the transformer can carry ({@link ReadingBounds}, whose factor and
 * its reason this is judged by): a register map of the wrong type, scale or word order, or a wrong CT ratio, not a
 * load. Either sign: a gigawatt flowing back is no CT the wrong way round either. Such a reading is no reading: the
 * control cycle treats it as a stale one, and it is recorded nowhere as a measurement; selftest fails it.
 *
 * @param quantity which: {@code power.total.kw}, {@code power.a.kw}, {@code current.b.a} ...
 * @param value    what it read
 * @param bound    the most it can be, either side of zero
 * @param unit     {@code kW} or {@code A}
 */
public record ImpossibleReading(String quantity, double value, double bound, String unit) {

    /** The first quantity of {@code reading} beyond its bound (the total, then the phases' powers, then their currents). */
    public static Optional<ImpossibleReading> in(TransformerReading reading, Transformer transformer) {
        return Optional.ofNullable(first(reading.totalKw(), reading.phaseKw(), reading.phaseA(), transformer));
    }

    /**
     * As {@link #in}, of a meter's values by quantity as its map reads them ({@code orderly selftest}'s): those that are
     * neither the total nor a phase's power or current are not judged here.
     */
    public static Optional<ImpossibleReading> among(Map<String, Double> values, Transformer transformer) {
        return Optional.ofNullable(first(values.getOrDefault(MeterQuantities.TOTAL_POWER, Double.NaN), values, values,
                transformer));
    }

    /** Null when every one is within its bound; NaN and a quantity not read are. Made once a control cycle. */
    private static ImpossibleReading first(double totalKw, Map<String, Double> phaseKw, Map<String, Double> phaseA,
                                           Transformer transformer) {
        double totalBound = ReadingBounds.transformerTotalKw(transformer);
        if (Math.abs(totalKw) > totalBound) {
            return new ImpossibleReading(MeterQuantities.TOTAL_POWER, totalKw, totalBound, "kW");
        }
        ImpossibleReading phase = beyond(phaseKw, MeterQuantities.PHASE_POWERS,
                ReadingBounds.transformerPhaseKw(transformer), "kW");
        return phase != null ? phase
                : beyond(phaseA, MeterQuantities.PHASE_CURRENTS, ReadingBounds.transformerPhaseA(transformer), "A");
    }

    /** The first of {@code quantities}, in their order (phase a, b, c), that {@code values} has beyond {@code bound}. */
    private static ImpossibleReading beyond(Map<String, Double> values, List<String> quantities, double bound,
                                            String unit) {
        for (String q : quantities) {
            Double v = values.get(q);
            if (v != null && Math.abs(v) > bound) {
                return new ImpossibleReading(q, v, bound, unit);
            }
        }
        return null;
    }

    /** What it read, against what, and what to check. */
    public String describe() {
        return String.format(Locale.ROOT, "%s = %s %s is more than the transformer can carry (bound %.0f %s, %.0f times"
                + " its limit); check the meter's register map (type, scale, word order) and the CT ratio", quantity,
                ReadingBounds.said(value), unit, bound, unit, ReadingBounds.TRANSFORMER_TIMES);
    }
}
