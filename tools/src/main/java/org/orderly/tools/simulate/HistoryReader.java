package org.orderly.tools.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PastSession;

/**
 * Reads the history: sessions that ended before the scenario starts, as the gateway's database remembers them. Two
 * of them may overlap on a pile, as recorded (docs/scenario.md).
 */
final class HistoryReader {
    private final Checks checks;

    HistoryReader(Checks checks) {
        this.checks = checks;
    }

    List<PastSession> read(List<ScenarioJson.History> list, Compound compound, Instant start, String startText)
            throws ScenarioException {
        List<PastSession> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "history[" + i + "]";
            ScenarioJson.History h = checks.require(list.get(i), where);
            int pile = checks.pileIndex(compound, checks.require(h.pile(), where + ".pile"), where + ".pile");
            Instant a = checks.time(h.arrival(), where + ".arrival");
            Instant d = checks.time(h.departure(), where + ".departure");
            if (!d.isAfter(a)) {
                throw checks.fail(where + ".departure: " + h.departure() + " is not after arrival " + h.arrival());
            }
            if (d.isAfter(start)) {
                throw checks.fail(where + ".departure: " + h.departure() + " is after start " + startText
                        + "; history holds sessions that ended before start");
            }
            double energy = checks.nonNegative(checks.require(h.energyKWh(), where + ".energyKWh"),
                    where + ".energyKWh");
            out.add(new PastSession(pile, a, d, energy, Declaration.NONE, true));
        }
        return out;
    }
}
