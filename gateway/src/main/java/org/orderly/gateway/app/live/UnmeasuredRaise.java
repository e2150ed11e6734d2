package org.orderly.gateway.app.live;

import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;

/**
 * A raise of a pile that does not say what its car draws (a Modbus pile without a power register, its bus meter not
 * read), kept to the room that stays. Nothing of such a car's draw comes off the meter's total, so whatever it draws is
 * the households' at the next reading: given all the room a line has, it looked to have taken that room from the
 * households, was cut to 0 the next cycle, and paused for its settle time before it was given the room again (a car
 * 1 s on, 30 s off, ControlCycleUnmeasuredDrawRoomTest). Taking its draw off instead would make the households look
 * lighter by a draw that may not be there (a car that is full draws nothing), for as long as the pile is given anything.
 *
 * <p>On each node, with R its room as the cycle judged it (the households', its silent cars' draw among them), O what
 * its silent piles are offered now and M what this cycle gives the piles on it that say their draw: a silent car that
 * follows its offer draws it as the households' at the next reading, so the offers that are still there then are those
 * within (R + O - M) / 2 for the silent piles together. A silent pile's raise is kept to that on every node of its path
 * (shared in proportion to what the cycle allowed each silent pile raised there), never below its offer in force: with
 * one silent car on a line whose households leave it T, that is T/2 at once and for as long as they do, and its maximum
 * at once where T/2 is more. A cut passes whole and at once, and no offer is ever more than the cycle allowed, so a
 * line is never given more than the Limiter gave it. Where what stays is below the pile's least current, it is that
 * current (where the cycle allowed as much): no offer can stay, and the car is given its least current and cut in turn,
 * as often as its settle time allows. A car that does not follow (full, or drawing less) leaves the households lighter
 * than O has them: what stays is then less than it could be, never more than the room.
 */
final class UnmeasuredRaise {
    private static final double EPS = 1e-9;

    private UnmeasuredRaise() {
    }

    /**
     * @param roomKw   the room per node the cycle allowed in, before any car ({@link Compound#room}, less reservations)
     * @param allowed  what this cycle allows each pile
     * @param inForceA per pile, the offer in force as the cycle began
     * @param drawA    per pile, the current its car drew as reported; NaN where the pile does not say
     * @return {@code allowed}, each raise of a pile that does not say its draw kept within the room that stays
     */
    static Allocation withinTheRoomThatStays(Compound compound, double[] roomKw, Allocation allowed, double[] inForceA,
                                             double[] drawA) {
        double[] a = allowed.amps();
        boolean raising = false;
        for (int i = 0; i < drawA.length; i++) {
            raising |= Double.isNaN(drawA[i]) && a[i] > inForceA[i] + EPS;
        }
        if (!raising) {
            return allowed;
        }
        // Per node: what stays for its silent piles, less what those not raised take; then what the raised ones ask.
        double[] stayKw = new double[roomKw.length];
        double[] raisedKw = new double[roomKw.length];
        for (int n = 0; n < roomKw.length; n++) {
            stayKw[n] = (Double.isNaN(roomKw[n]) ? 0 : roomKw[n]) / 2;
        }
        for (int i = 0; i < drawA.length; i++) {
            boolean silent = Double.isNaN(drawA[i]);
            boolean raised = silent && a[i] > inForceA[i] + EPS;
            int[] path = compound.pileNodes(i);
            double[] weight = compound.pileWeights(i);
            for (int k = 0; k < path.length; k++) {
                double w = weight[k];
                if (!silent) {
                    stayKw[path[k]] -= compound.kw(i, a[i]) * w / 2;
                    continue;
                }
                stayKw[path[k]] += compound.kw(i, inForceA[i]) * w / 2;
                if (raised) {
                    raisedKw[path[k]] += compound.kw(i, a[i]) * w;
                } else {
                    stayKw[path[k]] -= compound.kw(i, a[i]) * w;
                }
            }
        }
        double[] amps = a.clone();
        for (int i = 0; i < drawA.length; i++) {
            if (!Double.isNaN(drawA[i]) || a[i] <= inForceA[i] + EPS) {
                continue;
            }
            double share = 1;
            for (int n : compound.pileNodes(i)) {
                if (raisedKw[n] > stayKw[n] + EPS) {
                    share = Math.min(share, Math.max(0, stayKw[n]) / raisedKw[n]);
                }
            }
            // Down to the Limiter's 0.1 A, as the piles take it.
            double kept = Math.max(inForceA[i], Math.min(a[i], Math.floor(a[i] * share * 10 + 1e-6) / 10));
            amps[i] = Math.max(kept, Math.min(a[i], compound.pile(i).minCurrentA()));
        }
        return new Allocation(amps, allowed.limitedBy());
    }
}
