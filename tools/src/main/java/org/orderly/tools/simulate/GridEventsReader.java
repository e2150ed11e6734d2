package org.orderly.tools.simulate;

import static org.orderly.tools.simulate.Checks.quote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.GridCap;

/** Reads the grid company's caps on the transformer, each with the moment the policy learns of it. */
final class GridEventsReader {
    private final Checks checks;

    GridEventsReader(Checks checks) {
        this.checks = checks;
    }

    List<Scenario.GridEvent> read(List<ScenarioJson.GridEvent> list) throws ScenarioException {
        List<Scenario.GridEvent> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "gridEvents[" + i + "]";
            ScenarioJson.GridEvent e = checks.require(list.get(i), where);
            String id = checks.require(e.id(), where + ".id");
            Integer first = ids.putIfAbsent(id, i);
            if (first != null) {
                throw checks.fail(where + ".id: duplicate grid event id " + quote(id) + " (gridEvents[" + first
                        + "])");
            }
            Instant issued = checks.time(e.issuedAt(), where + ".issuedAt");
            Instant from = checks.time(e.from(), where + ".from");
            Instant to = checks.time(e.to(), where + ".to");
            if (!to.isAfter(from)) {
                throw checks.fail(where + ".to: " + e.to() + " is not after from " + e.from());
            }
            double lim = checks.nonNegative(checks.require(e.limitKw(), where + ".limitKw"), where + ".limitKw");
            out.add(new Scenario.GridEvent(issued, new GridCap(id, from, to, lim)));
        }
        return out;
    }
}
