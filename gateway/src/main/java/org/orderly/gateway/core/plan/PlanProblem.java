package org.orderly.gateway.core.plan;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.model.Compound;

/**
 * A planning problem, ready for an algorithm: the slots (boundaries in epoch seconds, lengths,
 * prices, expected household load, total limit), the room each node of the compound leaves for
 * EV energy in each slot (kWh), and the candidates most urgent first. Built by
 * {@link PlanProblemBuilder}; every {@link Planner} solves the same problem.
 */
public record PlanProblem(Instant now, Compound compound, PlannerSettings settings, long[] bounds, double[] hours,
                          double[] price, double[] expectedBaseKw, double[] limitKw, double[][] roomKWh,
                          List<PlanCandidate> candidates) {
    public int slots() {
        return hours.length;
    }

    /** A fresh copy of the room per slot and node, for an algorithm to consume. */
    public double[][] roomCopy() {
        double[][] copy = new double[roomKWh.length][];
        for (int j = 0; j < copy.length; j++) {
            copy[j] = roomKWh[j].clone();
        }
        return copy;
    }
}
