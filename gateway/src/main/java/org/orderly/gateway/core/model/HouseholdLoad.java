package org.orderly.gateway.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The households' (non-EV) load: its total, and each line's where the transformer meter reads the lines. Without the
 * lines it is taken as split equally over A, B and C: true of a simulated compound (docs/scenario.md), and what a live
 * gateway whose meter reads no line must assume (it says so at its start).
 *
 * @param lines each line's household load; empty: a third of the total on each
 */
public record HouseholdLoad(double totalKw, Optional<LineLoads> lines) {

    public HouseholdLoad {
        if (!Double.isFinite(totalKw)) {
            throw new IllegalArgumentException("household load must be a finite number of kW, got " + totalKw
                    + "; a missing reading is the caller's to handle (conservative mode)");
        }
        Objects.requireNonNull(lines, "lines");
    }

    /** A total split equally over the three lines. */
    public static HouseholdLoad evenly(double totalKw) {
        return new HouseholdLoad(totalKw, Optional.empty());
    }

    /** A total and each line's share of it as measured. */
    public static HouseholdLoad byLine(double totalKw, LineLoads lines) {
        return new HouseholdLoad(totalKw, Optional.of(lines));
    }

    /** The household load on line {@code line} (0 = A, 1 = B, 2 = C). */
    public double lineKw(int line) {
        return lines.map(l -> l.kw(line)).orElse(totalKw / 3);
    }
}
