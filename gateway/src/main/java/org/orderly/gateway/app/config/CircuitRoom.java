package org.orderly.gateway.app.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.text.AsWritten;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A circuit whose limit is below the least power of a pile on it or under it: that pile could never charge (a
 * limit of 0, or one written in MW or W), and nothing at run time would say why. Reported once per circuit, at its
 * {@code limitKw}, naming the first such pile in the file.
 */
final class CircuitRoom {
    private CircuitRoom() {
    }

    static void check(List<Circuit> circuits, Map<String, Node> limitNodes, List<PileConfig> piles, Transformer transformer,
            Problems problems) {
        if (transformer == null) {
            return;
        }
        Map<String, Circuit> byId = new HashMap<>();
        circuits.forEach(c -> byId.put(c.id(), c));
        Set<String> reported = new HashSet<>();
        for (PileConfig pc : piles) {
            double leastKw = pc.pile().minCurrentA() * pc.pile().phase().kwPerAmp(transformer.phaseVoltageV());
            Set<String> seen = new HashSet<>();
            for (Circuit c = byId.get(pc.pile().circuitId()); c != null && seen.add(c.id()); c = byId.get(c.parentId())) {
                if (c.limitKw() < leastKw && reported.add(c.id())) {
                    problems.at(limitNodes.get(c.id()), String.format(Locale.ROOT, "'limitKw' of circuit '%s' is %s kW, less than "
                            + "pile '%s' %s it needs to charge at all (%s A x %s V%s = %.2f kW); give the EV load the circuit's "
                            + "breaker allows, e.g. 44", c.id(), AsWritten.number(c.limitKw()), pc.pile().id(),
                            c.id().equals(pc.pile().circuitId()) ? "on" : "under", AsWritten.number(pc.pile().minCurrentA()),
                            AsWritten.number(transformer.phaseVoltageV()), pc.pile().phase() == Phase.ABC ? " x 3 phases" : "", leastKw));
                }
            }
        }
    }

}
