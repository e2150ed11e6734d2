package org.orderly.gateway.app.live;

import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.field.modbus.MeterQuantities;

/**
 * Where the transformer meter's map gives each line's load: its lines' currents, else its lines' active powers, else
 * nowhere. Currents first, because a line's limit ({@code phaseLimitA}) is in amperes: a current, taken at the
 * transformer's phase voltage, counts its reactive part and a sagging voltage whole, where households at power factor
 * 0.8 look a fifth lighter by their power than the line carries. Decided once from the quantities the map reads.
 */
public enum LineSource {
    CURRENT(MeterQuantities.PHASE_CURRENTS),
    POWER(MeterQuantities.PHASE_POWERS),
    NONE(List.of());

    private final List<String> quantities;

    LineSource(List<String> quantities) {
        this.quantities = quantities;
    }

    /** The source a map reading {@code read} gives: currents over powers, and only all three lines of either. */
    public static LineSource of(Collection<String> read) {
        if (read.containsAll(CURRENT.quantities)) {
            return CURRENT;
        }
        return read.containsAll(POWER.quantities) ? POWER : NONE;
    }

    /** The quantities it reads, A, B, C. */
    public List<String> quantities() {
        return quantities;
    }

    /**
     * What one reading says of the lines: each line's {@link #kw}, or the first the reading lacks.
     *
     * @param value         the reading's value of a quantity, empty when it has none
     * @param phaseVoltageV the transformer's phase voltage, for a current
     */
    public MeterLines lines(Function<String, OptionalDouble> value, double phaseVoltageV) {
        if (this == NONE) {
            return MeterLines.UNREAD;
        }
        double[] kw = new double[3];
        for (int line = 0; line < 3; line++) {
            OptionalDouble v = kw(line, value, phaseVoltageV);
            if (v.isEmpty()) {
                return new MeterLines.Missing(quantities.get(line));
            }
            kw[line] = v.getAsDouble();
        }
        return new MeterLines.Read(new LineLoads(kw[0], kw[1], kw[2]));
    }

    /**
     * One line's load (0 = A, 1 = B, 2 = C) as one reading gives it, in kW: its power, or its current (either way
     * round) at the phase voltage. Empty where the reading lacks it or it is not a number, and from {@link #NONE}. The
     * control cycle's lines and the page's (each line's share of {@code phaseLimitA}, its {@code LINE_OVERLOAD}) alike.
     */
    public OptionalDouble kw(int line, Function<String, OptionalDouble> value, double phaseVoltageV) {
        if (this == NONE) {
            return OptionalDouble.empty();
        }
        OptionalDouble v = value.apply(quantities.get(line));
        if (v.isEmpty() || !Double.isFinite(v.getAsDouble())) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(this == POWER ? v.getAsDouble() : Math.abs(v.getAsDouble()) * phaseVoltageV / 1000);
    }
}
