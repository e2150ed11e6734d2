package org.orderly.tools.simulate;

import static org.orderly.tools.simulate.Checks.quote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;

/**
 * Reads the compound of a scenario: its transformer, its circuits (each parent known, none its own ancestor) and its
 * piles (each on a known circuit).
 */
final class CompoundReader {
    private final Checks checks;

    CompoundReader(Checks checks) {
        this.checks = checks;
    }

    Compound read(ScenarioJson j) throws ScenarioException {
        Transformer transformer = transformer(checks.require(j.transformer(), "transformer"));
        List<Circuit> circuits = circuits(j.circuits());
        Set<String> circuitIds = new HashSet<>();
        circuits.forEach(c -> circuitIds.add(c.id()));
        for (int i = 0; i < circuits.size(); i++) {
            String parent = circuits.get(i).parentId();
            if (parent != null && !circuitIds.contains(parent)) {
                throw checks.fail("circuits[" + i + "].parent: unknown circuit " + quote(parent));
            }
        }
        List<String> cycle = Compound.firstCycle(circuits);
        for (int i = 0; i < circuits.size() && !cycle.isEmpty(); i++) {
            if (circuits.get(i).id().equals(cycle.get(0))) {
                throw checks.fail("circuits[" + i + "].parent: circuit " + quote(cycle.get(0))
                        + " is its own ancestor: " + String.join(" -> ", cycle));
            }
        }
        List<Pile> piles = piles(checks.require(j.piles(), "piles"), circuitIds);
        try {
            return new Compound(transformer, circuits, piles);
        } catch (IllegalArgumentException e) {
            throw checks.fail("circuits: " + e.getMessage());
        }
    }

    private Transformer transformer(ScenarioJson.Transformer t) throws ScenarioException {
        if (t.ratedKva() != null) {
            checks.positive(t.ratedKva(), "transformer.ratedKva"); // optional and not simulated, but not nonsense
        }
        double limit = checks.positive(checks.require(t.limitKw(), "transformer.limitKw"), "transformer.limitKw");
        double volts = t.phaseVoltageV() == null ? 220
                : checks.positive(t.phaseVoltageV(), "transformer.phaseVoltageV");
        double phaseLimit = t.phaseLimitA() == null ? Double.NaN
                : checks.positive(t.phaseLimitA(), "transformer.phaseLimitA");
        return new Transformer(limit, phaseLimit, volts);
    }

    private List<Circuit> circuits(List<ScenarioJson.Circuit> list) throws ScenarioException {
        List<Circuit> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "circuits[" + i + "]";
            ScenarioJson.Circuit c = checks.require(list.get(i), where);
            String id = checks.require(c.id(), where + ".id");
            if (!ids.add(id)) {
                throw checks.fail(where + ".id: duplicate circuit id " + quote(id));
            }
            double lim = checks.nonNegative(checks.require(c.limitKw(), where + ".limitKw"), where + ".limitKw");
            out.add(new Circuit(id, lim, c.parent()));
        }
        return out;
    }

    private List<Pile> piles(List<ScenarioJson.Pile> list, Set<String> circuits) throws ScenarioException {
        List<Pile> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "piles[" + i + "]";
            ScenarioJson.Pile p = checks.require(list.get(i), where);
            String id = checks.require(p.id(), where + ".id");
            if (!ids.add(id)) {
                throw checks.fail(where + ".id: duplicate pile id " + quote(id));
            }
            Phase phase;
            try {
                phase = Phase.valueOf(checks.require(p.phase(), where + ".phase"));
            } catch (IllegalArgumentException e) {
                throw checks.fail(where + ".phase: expected A, B, C or ABC, got " + quote(p.phase()));
            }
            double min = checks.positive(checks.require(p.minCurrentA(), where + ".minCurrentA"),
                    where + ".minCurrentA");
            double max = checks.positive(checks.require(p.maxCurrentA(), where + ".maxCurrentA"),
                    where + ".maxCurrentA");
            if (max < min) {
                throw checks.fail(where + ".maxCurrentA: " + max + " is below minCurrentA " + min);
            }
            if (p.circuit() != null && !circuits.contains(p.circuit())) {
                throw checks.fail(where + ".circuit: unknown circuit " + quote(p.circuit()));
            }
            out.add(new Pile(id, phase, min, max, p.circuit()));
        }
        return out;
    }
}
