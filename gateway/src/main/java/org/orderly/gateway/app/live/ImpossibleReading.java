package org.orderly.gateway.app.live;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.modbus.MeterQuantities;

/**
 * A transformer meter's quantity read beyond what the transformer can carry: a register map of the wrong type, scale or
 * word order, or a wrong CT ratio, not a load. A transformer is overloaded for a while by a part of its rating, never
 * {@link #TIMES} over, so each quantity is bounded by that multiple of what the configuration says it may carry: the
 * total by {@code limitKw}; a phase's power by its line's limit ({@code phaseLimitA} at {@code phaseVoltageV}), or the
 * whole {@code limitKw} where none is set (all of it on one line); a phase's current by {@code phaseLimitA}, or by
 * {@code limitKw} at {@code phaseVoltageV}. Either sign: a gigawatt flowing back is no CT the wrong way round either.
 * Such a reading is no reading: the control cycle treats it as a stale one, and it is recorded nowhere as a measurement.
 *
 * @param quantity which: {@code power.total.kw}, {@code power.a.kw}, {@code current.b.a} ...
 * @param value    what it read
 * @param bound    the most it can be, either side of zero
 * @param unit     {@code kW} or {@code A}
 */
public record ImpossibleReading(String quantity, double value, double bound, String unit) {
    /** How many times what the transformer may carry a reading must exceed to be impossible. */
    public static final double TIMES = 3;

    /** The first quantity of {@code reading} beyond its bound (the total, then the phases' powers, then their currents). */
    public static Optional<ImpossibleReading> in(TransformerReading reading, Transformer transformer) {
        double lineKw = transformer.hasPhaseLimit() ? transformer.phaseLimitKw() : transformer.limitKw();
        double lineA = transformer.hasPhaseLimit() ? transformer.phaseLimitA()
                : transformer.limitKw() * 1000 / transformer.phaseVoltageV();
        return beyond(Map.of(MeterQuantities.TOTAL_POWER, reading.totalKw()), TIMES * transformer.limitKw(), "kW")
                .or(() -> beyond(reading.phaseKw(), TIMES * lineKw, "kW"))
                .or(() -> beyond(reading.phaseA(), TIMES * lineA, "A"));
    }

    private static Optional<ImpossibleReading> beyond(Map<String, Double> values, double bound, String unit) {
        return new TreeMap<>(values).entrySet().stream()
                .filter(e -> Math.abs(e.getValue()) > bound)
                .findFirst()
                .map(e -> new ImpossibleReading(e.getKey(), e.getValue(), bound, unit));
    }

    /** What it read, against what, and what to check. */
    public String describe() {
        return String.format(Locale.ROOT, "%s = %s %s is more than the transformer can carry (bound %.0f %s, %.0f times"
                + " its limit); check the meter's register map (type, scale, word order) and the CT ratio", quantity,
                said(value), unit, bound, unit, TIMES);
    }

    /** A value as read, in plain digits up to a million and as 1.0E12 beyond (a pile meter's impossible one too). */
    public static String said(double v) {
        return Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.2f", v) : Double.toString(v);
    }
}
