package org.orderly.gateway.core.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Pile;

/**
 * The most each candidate that cannot be met may be planned in each slot on its first placing: the slot's room shared
 * among those candidates as the {@link Limiter} shares a cycle's, each its pile's minimum current in the order's
 * urgency while room lasts, then raised together (max-min). A candidate cannot be met when its laxity is below 0: its
 * likely energy does not fit before it is likely gone, even at full power from now and alone.
 *
 * <p>Placed one after another at full power, the first of them took whole slots and the last got nothing, plan after
 * plan: eight 7 kW cars wanting 30 kWh each in an hour on 20 kW of room, three drew only their first quarter hour
 * (docs/scheduler.md, "Cars that cannot be met share the room"). A car that can still be met keeps queueing: it is
 * served in its turn and needs no share. Only slots where those candidates together would take more than a node's
 * room get caps; elsewhere each takes what it wants as before.
 */
final class ShortShares {
    /** The step the shares are worked out in: fine, so that next to nothing is left over from rounding. */
    private static final double RESOLUTION_A = 0.001;

    private ShortShares() {
    }

    /** Whether the candidate cannot be met: its laxity (hours) is below 0. */
    static boolean cannotBeMet(PlanCandidate c) {
        return c.laxityHours() < 0 && c.targetKWh() > 0 && c.session().maxKw() > 0 && c.window() > 0;
    }

    /**
     * Per candidate of {@code candidates} (by position), its cap in kWh per slot of its window, or null for one that
     * can be met (or shares its pile with one before it); a slot no one contests is capped at infinity.
     *
     * @param room the room per slot and node (kWh) as it is when the first of them is placed; not modified
     */
    static double[][] caps(PlanProblem p, double[][] room, List<PlanCandidate> candidates) {
        Compound compound = p.compound();
        double[][] caps = new double[candidates.size()][];
        boolean[] pileTaken = new boolean[compound.pileCount()];
        List<Integer> sharing = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            PlanCandidate c = candidates.get(i);
            if (cannotBeMet(c) && !pileTaken[c.session().pileIndex()]) {
                pileTaken[c.session().pileIndex()] = true;
                caps[i] = new double[c.window()];
                Arrays.fill(caps[i], Double.POSITIVE_INFINITY);
                sharing.add(i);
            }
        }
        if (sharing.size() < 2) {
            return caps;
        }
        Limiter limiter = new Limiter(compound, Double.POSITIVE_INFINITY, RESOLUTION_A);
        for (int j = 0; j < p.slots(); j++) {
            List<Request> requests = new ArrayList<>();
            double[] demandKw = new double[compound.nodeCount()];
            for (int i : sharing) {
                PlanCandidate c = candidates.get(i);
                if (j >= c.window()) {
                    continue;
                }
                int pile = c.session().pileIndex();
                requests.add(new Request(pile, fullA(compound, pile, c.session().maxKw()), PlanProblemBuilder.order(c), 0));
                int[] path = compound.pileNodes(pile);
                double[] weight = compound.pileWeights(pile);
                for (int k = 0; k < path.length; k++) {
                    demandKw[path[k]] += c.session().maxKw() * weight[k];
                }
            }
            double[] roomKw = new double[compound.nodeCount()];
            boolean contested = false;
            for (int n = 0; n < roomKw.length; n++) {
                roomKw[n] = Math.max(0, room[j][n]) / p.hours()[j];
                contested |= demandKw[n] > roomKw[n];
            }
            if (!contested) {
                continue;
            }
            Allocation shares = limiter.limit(roomKw, requests);
            for (int i : sharing) {
                PlanCandidate c = candidates.get(i);
                if (j < c.window()) {
                    int pile = c.session().pileIndex();
                    caps[i][j] = compound.kw(pile, shares.amps()[pile]) * p.hours()[j];
                }
            }
        }
        return caps;
    }

    /**
     * The current the vehicle draws at full power on its pile, never below the pile's minimum: a pile is offered its
     * minimum or nothing, and a vehicle that draws less takes what it can of it.
     */
    private static double fullA(Compound compound, int pile, double maxKw) {
        Pile p = compound.pile(pile);
        return Math.min(p.maxCurrentA(), Math.max(p.minCurrentA(), maxKw / compound.kwPerAmp(pile)));
    }
}
