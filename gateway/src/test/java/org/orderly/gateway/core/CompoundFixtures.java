package org.orderly.gateway.core;

import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;

/**
 * Builds small compounds for tests in a few lines:
 *
 * <pre>{@code
 * Compound c = CompoundFixtures.compound().limitKw(100).phaseLimitA(150)
 *         .circuit("g1", 40)
 *         .pile("P1", Phase.A, "g1").pile("P2", Phase.ABC, null)
 *         .build();
 * }</pre>
 *
 * Defaults: 100 kW transformer, no phase limit, 220 V per phase; single-phase piles accept
 * 6..32 A, three-phase piles 6..16 A. Circuits and piles keep the order they are added in, so the
 * first pile has index 0.
 */
public final class CompoundFixtures {
    public static final double VOLTS = 220;
    /** kW per ampere of a single-phase pile at the default voltage. */
    public static final double KW_PER_A_1PH = VOLTS / 1000;
    /** kW per ampere (per conductor) of a three-phase pile at the default voltage. */
    public static final double KW_PER_A_3PH = 3 * VOLTS / 1000;

    private CompoundFixtures() {
    }

    public static Builder compound() {
        return new Builder();
    }

    /** The power of {@code amps}, by pile index, offered on {@code compound}'s piles. */
    public static double kw(Compound compound, double[] amps) {
        double kw = 0;
        for (int i = 0; i < amps.length; i++) {
            kw += compound.kw(i, amps[i]);
        }
        return kw;
    }

    public static final class Builder {
        private double limitKw = 100;
        private double phaseLimitA = Double.NaN;
        private double voltageV = VOLTS;
        private final List<Circuit> circuits = new ArrayList<>();
        private final List<Pile> piles = new ArrayList<>();

        private Builder() {
        }

        public Builder limitKw(double kw) {
            this.limitKw = kw;
            return this;
        }

        public Builder phaseLimitA(double amps) {
            this.phaseLimitA = amps;
            return this;
        }

        public Builder voltageV(double volts) {
            this.voltageV = volts;
            return this;
        }

        /** A circuit fed straight from the transformer. */
        public Builder circuit(String id, double limitKw) {
            return circuit(id, limitKw, null);
        }

        /** A circuit fed from circuit {@code parentId} (null: from the transformer). */
        public Builder circuit(String id, double limitKw, String parentId) {
            circuits.add(new Circuit(id, limitKw, parentId));
            return this;
        }

        /** A pile with the default current range for its phase; {@code circuitId} null: on the transformer. */
        public Builder pile(String id, Phase phase, String circuitId) {
            return pile(id, phase, 6, phase == Phase.ABC ? 16 : 32, circuitId);
        }

        public Builder pile(String id, Phase phase, double minA, double maxA, String circuitId) {
            piles.add(new Pile(id, phase, minA, maxA, circuitId));
            return this;
        }

        public Compound build() {
            return new Compound(new Transformer(limitKw, phaseLimitA, voltageV), circuits, piles);
        }
    }
}
