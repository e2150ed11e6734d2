package org.orderly.gateway.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.text.AsWritten;
import org.yaml.snakeyaml.nodes.Node;

/** {@code compound:}: the transformer, the circuit tree and the piles with their drivers. */
final class CompoundReader {
    static final List<String> KEYS = List.of("transformer", "circuits", "piles");
    private static final List<String> TRANSFORMER_KEYS = List.of("limitKw", "phaseLimitA", "phaseVoltageV");
    private static final List<String> CIRCUIT_KEYS = List.of("id", "limitKw", "parent");
    private static final List<String> PILE_KEYS = List.of("id", "phase", "minA", "maxA", "circuit", "driver");

    private final Problems problems;
    private final Problems warnings;
    private final Refs buses;
    private final UnitIds units;
    private final Bridges bridges = new Bridges();
    private final DeviceMaps maps;
    private final Path base;
    final Refs circuitIds = new Refs("circuit");
    final Refs pileIds = new Refs("pile");
    Transformer transformer;
    final List<Circuit> circuits = new ArrayList<>();
    final List<PileConfig> piles = new ArrayList<>();
    private final Map<String, Node> limitNodes = new HashMap<>();
    private Node transformerLimit;
    private Node transformerPhaseLimit;
    private final Map<String, BusConfig> busConfigs = new HashMap<>();

    CompoundReader(Problems problems, Problems warnings, Refs buses, UnitIds units, DeviceMaps maps, Path base) {
        this.problems = problems;
        this.warnings = warnings;
        this.buses = buses;
        this.units = units;
        this.maps = maps;
        this.base = base;
    }

    /**
     * The buses read so far, so that a Modbus pile on a DL/T 645 bus, or on a bus whose timeout is too long for its
     * lease, is refused.
     */
    CompoundReader buses(List<BusConfig> busList) {
        // A name given twice is the first bus's (the duplicate is refused at the second): the second, often a copied
        // block of another protocol, would otherwise refuse the piles written for the first.
        busList.forEach(b -> busConfigs.putIfAbsent(b.name(), b));
        return this;
    }

    void read(Section c) {
        Section t = c.section("transformer", TRANSFORMER_KEYS, true, "give transformer: {limitKw, phaseVoltageV}");
        if (t != null) {
            Double limit = t.number("limitKw", "kW", null, 1, 10_000,
                    "the total load the transformer may carry, e.g. 630 for a 630 kVA unit at unity power factor");
            Double phaseA = t.number("phaseLimitA", "A", Double.NaN, 1, 20_000, "the current each low-voltage line may carry");
            Double volts = t.number("phaseVoltageV", "V", null, 100, 300,
                    "the phase-to-neutral voltage, 220 in China (not the 380 V line-to-line), 230 in Europe (not 400)");
            if (limit != null && phaseA != null && volts != null) {
                transformer = new Transformer(limit, phaseA, volts);
                transformerLimit = t.value("limitKw");
                transformerPhaseLimit = t.value("phaseLimitA");
            }
        }
        List<Node> circuitItems = c.list("circuits", false, "");
        Map<String, Node> parentNodes = new LinkedHashMap<>();
        if (circuitItems != null) {
            for (int i = 0; i < circuitItems.size(); i++) {
                circuit(Section.of(circuitItems.get(i), "compound.circuits[" + i + "]", CIRCUIT_KEYS, problems), parentNodes);
            }
        }
        checkParents(parentNodes);
        List<Node> pileItems = c.list("piles", true, "list the piles: - {id, phase, minA, maxA, driver}");
        if (pileItems != null) {
            if (pileItems.isEmpty()) {
                problems.at(c.value("piles"), "compound.piles is empty; a compound needs at least one pile");
            }
            for (int i = 0; i < pileItems.size(); i++) {
                pile(Section.of(pileItems.get(i), "compound.piles[" + i + "]", PILE_KEYS, problems));
            }
        }
        CircuitRoom.check(circuits, limitNodes, piles, transformer, problems);
        TransformerRoom.check(transformer, transformerLimit, transformerPhaseLimit, piles, problems);
        FallbackRoom.check(transformer, transformerLimit, transformerPhaseLimit, circuits, limitNodes, piles, warnings);
    }

    /** A key naming a current (limitA, maxA, breakerAmps), as an installer reading a breaker's rating writes one. */
    private static boolean aCurrent(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return key.endsWith("A") && !lower.endsWith("va") || lower.endsWith("amps");
    }

    private void circuit(Section s, Map<String, Node> parentNodes) {
        s.explainUnknown(CompoundReader::aCurrent, "limitKw", (key, value) -> "unknown key '" + key + "' in " + s.path()
                + ": a circuit's limit is a power, limitKw, the EV load its breaker allows, not a current; "
                + CircuitInAmps.asKw(value, transformer == null ? Double.NaN : transformer.phaseVoltageV())
                + "; known keys: " + String.join(", ", CIRCUIT_KEYS));
        String id = s.text("id", null, "give each circuit an id, e.g. id: garage-north");
        Double limit = s.number("limitKw", "kW", null, 0, 10_000, "the EV load the circuit's breaker allows, e.g. 44");
        String parent = s.text("parent", "", "the id of the circuit it hangs from; leave out when fed by the transformer");
        if (id != null) {
            circuitIds.declare(id, s.value("id"), problems);
        }
        if (id != null && limit != null && parent != null) {
            circuits.add(new Circuit(id, limit, parent.isEmpty() ? null : parent));
            limitNodes.putIfAbsent(id, s.value("limitKw"));
            if (!parent.isEmpty()) {
                parentNodes.put(id, s.value("parent"));
            }
        }
    }

    /** Unknown parents, then cycles: each cycle reported once, at the first of its circuits in the file. */
    private void checkParents(Map<String, Node> parentNodes) {
        Map<String, String> parentOf = new HashMap<>();
        for (Circuit c : circuits) {
            if (c.parentId() != null) {
                circuitIds.require(c.parentId(), parentNodes.get(c.id()), "circuit '" + c.id() + "'", problems);
                parentOf.put(c.id(), c.parentId());
            }
        }
        List<String> reported = new ArrayList<>();
        for (Circuit c : circuits) {
            List<String> chain = new ArrayList<>();
            String at = c.id();
            while (at != null && !chain.contains(at)) {
                chain.add(at);
                at = parentOf.get(at);
            }
            if (at != null && at.equals(c.id()) && !reported.contains(c.id())) {
                reported.addAll(chain);
                chain.add(c.id());
                problems.at(parentNodes.get(c.id()), "circuits form a cycle " + String.join(" -> ", chain)
                        + "; a circuit tree needs one root fed by the transformer: remove one 'parent'");
            }
        }
    }

    private void pile(Section s) {
        String id = s.text("id", null, "give each pile an id, e.g. id: p01");
        if (id != null) {
            pileIds.declare(id, s.value("id"), problems);
        }
        Phase phase = phase(s);
        Double min = s.number("minA", "A", 6.0, 1, 80, "IEC 61851 piles start at 6");
        Double max = s.number("maxA", "A", null, 1, 80, "the pile's rated current, e.g. 32 for a 7 kW single-phase pile");
        if (min != null && max != null && min > max) {
            // Not "swap them": 40 over 32 swapped is a maxA of 40, which may be beyond what the pile is rated for.
            problems.at(s.at("minA"), "minA " + AsWritten.number(min) + " is above maxA " + AsWritten.number(max)
                    + " in " + s.path() + ": minA is the least current the pile offers (6 A by IEC 61851), maxA its"
                    + " rating (its nameplate's); correct the one that is wrong");
            min = null;
        }
        String circuit = s.text("circuit", "", "the id of the circuit the pile hangs on; leave out when fed by the transformer");
        if (circuit != null && !circuit.isEmpty()) {
            circuitIds.require(circuit, s.value("circuit"), "pile '" + id + "'", problems);
        }
        PileDriver driver = DriverReader.read(s, id, buses, busConfigs, units, bridges, maps, base, problems, warnings);
        if (id != null && phase != null && min != null && max != null && circuit != null && driver != null) {
            piles.add(new PileConfig(new Pile(id, phase, min, max, circuit.isEmpty() ? null : circuit), driver));
        }
    }

    private Phase phase(Section s) {
        String p = s.text("phase", null, "A, B or C for a single-phase pile, ABC for a three-phase one");
        if (p == null) {
            return null;
        }
        try {
            return Phase.valueOf(p);
        } catch (IllegalArgumentException e) {
            problems.at(s.value("phase"), "'phase' in " + s.path() + " must be A, B, C or ABC, was '" + p + "'"
                    + (isPhaseInLowerCase(p) ? "; write it in capitals"
                            : "; the line the pile is wired to: A, B or C for a single-phase pile (L1, L2, L3),"
                                    + " ABC for a three-phase one"));
            return null;
        }
    }

    /** {@code a}, {@code b}, {@code c}, {@code abc} in any case: a phase, only not in capitals. */
    private static boolean isPhaseInLowerCase(String p) {
        return Arrays.stream(Phase.values()).anyMatch(phase -> phase.name().equalsIgnoreCase(p));
    }
}
