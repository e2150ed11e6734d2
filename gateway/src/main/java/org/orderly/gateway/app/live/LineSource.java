package org.orderly.gateway.app.live;

import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.orderly.gateway.core.model.LineLoads;

/**
 * Where the transformer meter's map gives each line's load: its lines' active powers, else its lines' currents (taken
 * at the transformer's phase voltage: a current with its reactive part counts whole, so a line is never lighter than
 * it is), else nowhere. Decided once from the quantities the map reads.
 */
public enum LineSource {
    POWER(List.of("power.a.kw", "power.b.kw", "power.c.kw")),
    CURRENT(List.of("current.a.a", "current.b.a", "current.c.a")),
    NONE(List.of());

    private final List<String> quantities;

    LineSource(List<String> quantities) {
        this.quantities = quantities;
    }

    /** The source a map reading {@code read} gives: powers over currents, and only all three lines of either. */
    public static LineSource of(Collection<String> read) {
        if (read.containsAll(POWER.quantities)) {
            return POWER;
        }
        return read.containsAll(CURRENT.quantities) ? CURRENT : NONE;
    }

    /** The quantities it reads, A, B, C. */
    public List<String> quantities() {
        return quantities;
    }

    /**
     * What one reading says of the lines.
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
            String q = quantities.get(line);
            OptionalDouble v = value.apply(q);
            if (v.isEmpty() || !Double.isFinite(v.getAsDouble())) {
                return new MeterLines.Missing(q);
            }
            kw[line] = this == POWER ? v.getAsDouble() : Math.abs(v.getAsDouble()) * phaseVoltageV / 1000;
        }
        return new MeterLines.Read(new LineLoads(kw[0], kw[1], kw[2]));
    }
}
