package org.orderly.gateway.app;

import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SessionTracker;

/**
 * What a session that has ended took in all. Counted as last seen plugged in, it misses what the car took after that
 * when its pile was silent then (offline) and is heard again only once the car has gone. A firmware-bridge's counter
 * stays at the ended session's energy until the next plug-in and says when the session it counts began
 * ({@code sessionPluggedSeconds}, {@link PileObservation#sessionPluggedAt()}): a count whose session began no later
 * than the last sighting (within {@link SessionTracker#SAME_PLUG_IN_TOLERANCE}, as a carried session's car is told) is
 * this session's, and what it says beyond the count last seen is added. A car plugged in and out during the silence
 * began later, a pile restarted counts from zero, and a pile that does not say (Modbus, an older bridge) is not taken.
 */
final class EndedSessionEnergy {
    private EndedSessionEnergy() {
    }

    /**
     * @param delivered      the session's energy as last seen plugged in
     * @param counterSeen    the pile's counter then
     * @param lastSeen       when it was last seen plugged in
     * @param ending         the pile's report that found the car gone
     * @param sessionBegan   {@code ending}'s {@code sessionPluggedAt}, on the clock as set
     */
    static double of(double delivered, double counterSeen, Instant lastSeen, PileObservation ending,
                     Optional<Instant> sessionBegan) {
        if (!ending.reported() || ending.plugged() || !(ending.sessionEnergyKWh() > counterSeen)) {
            return delivered;
        }
        Instant latest = lastSeen.plus(SessionTracker.SAME_PLUG_IN_TOLERANCE);
        boolean same = sessionBegan.map(began -> !began.isAfter(latest)).orElse(false);
        return same ? delivered + ending.sessionEnergyKWh() - counterSeen : delivered;
    }
}
