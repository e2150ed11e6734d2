package org.orderly.gateway.core.limit;

import java.util.Map;
import org.orderly.gateway.core.model.Compound;

/**
 * Current the piles draw outside the Limiter's control this cycle, by pile index: a pile the gateway cannot hear
 * offers what its own fallback says, and that current loads its phase and every node above it whatever the others
 * are given. The room of each node is shared out only after it.
 */
public record Reservation(Map<Integer, Double> amps) {
    /** Nothing drawn outside control. */
    public static final Reservation NONE = new Reservation(Map.of());

    public Reservation {
        amps = PileAmps.checked(amps, "reserved current");
    }

    /** The amperes reserved for the pile, 0 if none. */
    public double ampsOf(int pileIndex) {
        return amps.getOrDefault(pileIndex, 0.0);
    }

    /** A new room per node: {@code room} less each reserved pile's kW on every node of its path, never below 0. */
    public double[] from(Compound compound, double[] room) {
        double[] left = room.clone();
        amps.forEach((pile, a) -> {
            double kw = compound.kw(pile, a);
            int[] path = compound.pileNodes(pile);
            double[] weight = compound.pileWeights(pile);
            for (int k = 0; k < path.length; k++) {
                left[path[k]] = Math.max(0, left[path[k]] - kw * weight[k]);
            }
        });
        return left;
    }
}
