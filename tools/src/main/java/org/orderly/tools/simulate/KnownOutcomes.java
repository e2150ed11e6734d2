package org.orderly.tools.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.orderly.gateway.core.estimate.Beliefs;
import org.orderly.gateway.core.estimate.Estimator;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.session.PastSession;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Beliefs told what the scenario hides: for the {@code clairvoyant} policy every session's departure and energy,
 * for {@code clairvoyant-departure} its departure only (the energy estimated as for a declared departure). The
 * product's planning and limiting run unchanged on them, so comparing the three policies' scores separates what
 * the planning loses from what not knowing the residents' plans costs (docs/scheduler.md).
 */
final class KnownOutcomes implements Beliefs {
    enum Told { EVERYTHING, DEPARTURE }

    /** How far past the end a departure is told as it is; later ones are told as then. */
    private static final Duration TOLD_PAST_END = Duration.ofDays(7);

    private final Told told;
    private final Instant toldUntil;
    private final Map<String, Scenario.SimSession> truth = new HashMap<>();
    private final Estimator estimator;

    KnownOutcomes(Scenario scenario, Told told) {
        this.told = told;
        this.toldUntil = scenario.end().plus(TOLD_PAST_END);
        for (Scenario.SimSession s : scenario.sessions()) {
            truth.put(s.id(), s);
        }
        this.estimator = new Estimator(scenario.tariff().zone(), scenario.compound().pileCount());
    }

    @Override
    public SessionBelief believe(PluggedSession s) {
        Scenario.SimSession real = truth.get(s.id());
        if (real == null) {
            throw new IllegalArgumentException("session " + s.id() + " is not in the scenario");
        }
        // Past the scenario's end nothing is simulated; a departure years later only swelled the belief's grid
        // (one point per 5 minutes of stay) until the planner ran out of memory.
        Instant departure = real.departure().isAfter(toldUntil) ? toldUntil : real.departure();
        return switch (told) {
            case EVERYTHING -> SessionBelief.certain(real.arrival(), departure, real.energyKWh());
            case DEPARTURE -> estimator.believeKnownDeparture(s, departure);
        };
    }

    @Override
    public void learn(PastSession s) {
        estimator.learn(s);
    }

    @Override
    public String policyName() {
        return told == Told.EVERYTHING ? "clairvoyant" : "clairvoyant-departure";
    }
}
