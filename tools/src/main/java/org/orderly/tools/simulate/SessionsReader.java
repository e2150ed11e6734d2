package org.orderly.tools.simulate;

import static org.orderly.tools.simulate.Checks.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.Declaration;

/**
 * Reads the sessions that residents made: each on a known pile, departing after it arrives, with what the resident
 * declared (a departure the gateway would take), and no two on one pile at once.
 */
final class SessionsReader {
    /** How far ahead of plug-in the gateway takes a declared departure (its web form refuses more). */
    static final Duration MAX_DECLARED_AHEAD = Duration.ofDays(7);

    private final Checks checks;

    SessionsReader(Checks checks) {
        this.checks = checks;
    }

    List<Scenario.SimSession> read(List<ScenarioJson.Session> list, Compound compound) throws ScenarioException {
        List<Scenario.SimSession> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<Integer, List<Integer>> byPile = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "sessions[" + i + "]";
            ScenarioJson.Session s = checks.require(list.get(i), where);
            String id = checks.require(s.id(), where + ".id");
            if (!ids.add(id)) {
                throw checks.fail(where + ".id: duplicate session id " + quote(id));
            }
            int pile = checks.pileIndex(compound, checks.require(s.pile(), where + ".pile"), where + ".pile");
            Instant arrival = checks.time(s.arrival(), where + ".arrival");
            Instant departure = checks.time(s.departure(), where + ".departure");
            if (!departure.isAfter(arrival)) {
                throw checks.fail(where + ".departure: " + s.departure() + " is not after arrival " + s.arrival());
            }
            double energy = checks.nonNegative(checks.require(s.energyKWh(), where + ".energyKWh"),
                    where + ".energyKWh");
            double maxPower = checks.positive(checks.require(s.maxPowerKw(), where + ".maxPowerKw"),
                    where + ".maxPowerKw");
            Declaration declared = s.declared() == null ? Declaration.NONE : declared(s, arrival, where);
            out.add(new Scenario.SimSession(id, pile, arrival, departure, energy, maxPower, declared));
            byPile.computeIfAbsent(pile, k -> new ArrayList<>()).add(i);
        }
        noOverlaps(list, out, byPile, compound);
        return out;
    }

    private Declaration declared(ScenarioJson.Session s, Instant arrival, String where) throws ScenarioException {
        Instant dd = s.declared().departure() == null ? null
                : checks.time(s.declared().departure(), where + ".declared.departure");
        if (dd != null && dd.isAfter(arrival.plus(MAX_DECLARED_AHEAD))) {
            throw checks.fail(where + ".declared.departure: " + s.declared().departure() + " is more than "
                    + MAX_DECLARED_AHEAD.toDays() + " days after arrival " + s.arrival()
                    + " (the gateway accepts at most " + MAX_DECLARED_AHEAD.toDays() + " days ahead)");
        }
        double de = s.declared().energyKWh() == null ? Double.NaN
                : checks.nonNegative(s.declared().energyKWh(), where + ".declared.energyKWh");
        return new Declaration(dd, de);
    }

    /** @param byPile the indexes of the sessions on each pile */
    private void noOverlaps(List<ScenarioJson.Session> list, List<Scenario.SimSession> out,
                            Map<Integer, List<Integer>> byPile, Compound compound) throws ScenarioException {
        for (List<Integer> onPile : byPile.values()) {
            onPile.sort(Comparator.comparing(i -> out.get(i).arrival()));
            for (int k = 1; k < onPile.size(); k++) {
                Scenario.SimSession a = out.get(onPile.get(k - 1));
                Scenario.SimSession b = out.get(onPile.get(k));
                if (b.arrival().isBefore(a.departure())) {
                    throw checks.fail("sessions[" + onPile.get(k) + "]: session " + b.id() + " overlaps session "
                            + a.id() + " (sessions[" + onPile.get(k - 1) + "]) on pile "
                            + compound.pile(a.pileIndex()).id() + ": it arrives " + list.get(onPile.get(k)).arrival()
                            + ", before " + a.id() + " departs " + list.get(onPile.get(k - 1)).departure());
                }
            }
        }
    }
}
