package org.orderly.gateway.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One residential compound: its transformer, its tree of circuits and its piles. Immutable.
 *
 * <p>Every limit the schedulers must respect is a <em>node</em> numbered from 0: the transformer
 * ({@link #TRANSFORMER}), then the three lines A, B, C when the transformer has a phase limit,
 * then the circuits. A pile loads the nodes on its path with a weight: the share of its kW that
 * reaches that node (1 for the transformer and its circuits, 1 or 1/3 for a line). Planner and
 * Limiter both work on this one representation, so they can never disagree about the tree.
 */
public final class Compound {
    public static final int TRANSFORMER = 0;

    private final Transformer transformer;
    private final List<Circuit> circuits;
    private final List<Pile> piles;
    private final Map<String, Integer> pileIndex = new HashMap<>();
    private final Map<String, Integer> circuitNode = new HashMap<>();
    private final int firstCircuitNode;
    private final int[][] pileNodes;
    private final double[][] pileWeights;

    public Compound(Transformer transformer, List<Circuit> circuits, List<Pile> piles) {
        this.transformer = transformer;
        this.circuits = List.copyOf(circuits);
        this.piles = List.copyOf(piles);
        this.firstCircuitNode = transformer.hasPhaseLimit() ? 4 : 1;
        for (int i = 0; i < this.circuits.size(); i++) {
            Circuit c = this.circuits.get(i);
            if (circuitNode.put(c.id(), firstCircuitNode + i) != null) {
                throw new IllegalArgumentException("duplicate circuit id " + c.id());
            }
        }
        for (Circuit c : this.circuits) {
            if (c.parentId() != null && !circuitNode.containsKey(c.parentId())) {
                throw new IllegalArgumentException("circuit " + c.id() + ": unknown parent circuit " + c.parentId());
            }
        }
        List<String> cycle = firstCycle(this.circuits);
        if (!cycle.isEmpty()) {
            throw new IllegalArgumentException("circuit " + cycle.get(0) + " is its own ancestor: "
                    + String.join(" -> ", cycle));
        }
        pileNodes = new int[this.piles.size()][];
        pileWeights = new double[this.piles.size()][];
        for (int i = 0; i < this.piles.size(); i++) {
            Pile p = this.piles.get(i);
            if (pileIndex.put(p.id(), i) != null) {
                throw new IllegalArgumentException("duplicate pile id " + p.id());
            }
            if (p.circuitId() != null && !circuitNode.containsKey(p.circuitId())) {
                throw new IllegalArgumentException("pile " + p.id() + ": unknown circuit " + p.circuitId());
            }
            buildPath(i, p);
        }
    }

    /**
     * The first circuit, in list order, that is its own ancestor, as the ids from it up its parents and back to it
     * ({@code b, c, b}); empty when there is no cycle. A circuit that only hangs below a cycle is not on it. An
     * unknown parent ends the walk up.
     */
    public static List<String> firstCycle(List<Circuit> circuits) {
        Map<String, String> parent = new HashMap<>();
        circuits.forEach(c -> parent.put(c.id(), c.parentId()));
        for (Circuit c : circuits) {
            List<String> path = new ArrayList<>(List.of(c.id()));
            Set<String> seen = new HashSet<>(path);
            for (String at = c.parentId(); at != null; at = parent.get(at)) {
                path.add(at);
                if (at.equals(c.id())) {
                    return path;
                }
                if (!seen.add(at)) {
                    break; // a cycle above c, not through it: found from a circuit on it
                }
            }
        }
        return List.of();
    }

    private void buildPath(int i, Pile p) {
        List<Integer> nodes = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        nodes.add(TRANSFORMER);
        weights.add(1.0);
        if (transformer.hasPhaseLimit()) {
            for (int line = 0; line < 3; line++) {
                double share = p.phase().shareOnLine(line);
                if (share > 0) {
                    nodes.add(1 + line);
                    weights.add(share);
                }
            }
        }
        for (String c = p.circuitId(); c != null; c = circuit(c).parentId()) {
            nodes.add(circuitNode.get(c));
            weights.add(1.0);
        }
        pileNodes[i] = nodes.stream().mapToInt(Integer::intValue).toArray();
        pileWeights[i] = weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Circuit circuit(String id) {
        return circuits.get(circuitNode.get(id) - firstCircuitNode);
    }

    public Transformer transformer() {
        return transformer;
    }

    public List<Circuit> circuits() {
        return circuits;
    }

    public List<Pile> piles() {
        return piles;
    }

    public int pileCount() {
        return piles.size();
    }

    /** Index of the pile in {@link #piles()}, or -1 when there is no such pile. */
    public int indexOf(String pileId) {
        return pileIndex.getOrDefault(pileId, -1);
    }

    public Pile pile(int index) {
        return piles.get(index);
    }

    public int nodeCount() {
        return firstCircuitNode + circuits.size();
    }

    /** The nodes pile {@code index} loads; parallel to {@link #pileWeights(int)}. Do not modify. */
    public int[] pileNodes(int index) {
        return pileNodes[index];
    }

    /** The share of the pile's kW that reaches each of its nodes. Do not modify. */
    public double[] pileWeights(int index) {
        return pileWeights[index];
    }

    /** kW the pile draws at {@code amps}. */
    public double kw(int pileIndex, double amps) {
        return amps * piles.get(pileIndex).phase().kwPerAmp(transformer.phaseVoltageV());
    }

    public double kwPerAmp(int pileIndex) {
        return piles.get(pileIndex).phase().kwPerAmp(transformer.phaseVoltageV());
    }

    /**
     * The room each node leaves for EV load, given the household (non-EV) load and the total
     * limit in force (the transformer's, or a lower grid cap). Household load is taken as split
     * equally over the three lines. A node already over its limit has room 0, never less.
     */
    public double[] room(double baseKw, double totalLimitKw) {
        double[] room = new double[nodeCount()];
        room(baseKw, totalLimitKw, room);
        return room;
    }

    /**
     * As {@link #room(double, double)}, written into {@code into} ({@link #nodeCount()} long): for a caller that asks
     * every cycle and keeps its own array.
     */
    public void room(double baseKw, double totalLimitKw, double[] into) {
        double third = baseKw / 3;
        fill(into, baseKw, third, third, third, totalLimitKw);
    }

    /**
     * As {@link #room(double, double)}, with each line's household load as {@code base} says: the live meter's own
     * reading of each line where it reads them, so a line the households load more than the others keeps only what it
     * has left.
     */
    public double[] room(HouseholdLoad base, double totalLimitKw) {
        double[] room = new double[nodeCount()];
        fill(room, base.totalKw(), base.lineKw(0), base.lineKw(1), base.lineKw(2), totalLimitKw);
        return room;
    }

    private void fill(double[] room, double baseKw, double lineA, double lineB, double lineC, double totalLimitKw) {
        room[TRANSFORMER] = Math.max(0, totalLimitKw - baseKw);
        if (transformer.hasPhaseLimit()) {
            room[1] = Math.max(0, transformer.phaseLimitKw() - lineA);
            room[2] = Math.max(0, transformer.phaseLimitKw() - lineB);
            room[3] = Math.max(0, transformer.phaseLimitKw() - lineC);
        }
        for (int i = 0; i < circuits.size(); i++) {
            room[firstCircuitNode + i] = circuits.get(i).limitKw();
        }
    }

    /** A short name for node {@code n}, for logs and explanations. */
    public String nodeName(int n) {
        if (n == TRANSFORMER) {
            return "transformer";
        }
        if (n < firstCircuitNode) {
            return "line " + "ABC".charAt(n - 1);
        }
        return "circuit " + circuits.get(n - firstCircuitNode).id();
    }
}
