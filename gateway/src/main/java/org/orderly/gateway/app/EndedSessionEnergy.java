package org.orderly.gateway.app;

import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.app.live.LastEndedSession;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.SamePlugIn;

/**
 * What a session that has ended took in all. Counted as last seen plugged in, it misses what the car took after that
 * when its pile was silent then (offline) and is heard again only once the car has gone. A firmware-bridge's counter
 * stays at the ended session's energy until the next plug-in and says when the session it counts began
 * ({@code sessionPluggedSeconds}, {@link PileObservation#sessionPluggedAt()}): a count whose session began no later
 * than the last sighting (within the tolerance of {@link SamePlugIn}, as a carried session's car is told) is
 * this session's, and what it says beyond the count last seen is added. A car plugged in and out during the silence
 * began later, a pile restarted counts from zero, and a pile that does not say (Modbus, an older bridge) is not taken.
 *
 * <p>A pile whose car was found gone with another car plugged in already counts that car's session: the bridge's
 * {@code lastSession} ({@link PileObservation#lastSession()}) says the last session that ended on it, kept after the
 * next plug-in. One plugged in no later than the last sighting and unplugged no earlier (both within the tolerance) is
 * this session, and what it took in all beyond the count last seen is added the same way.
 *
 * <p>A pile whose bridge restarted after the last sighting, the car still plugged in, counts from 0 at its start: the
 * {@code lastSession} of a car it found plugged in at its start ({@code pluggedAtStart}), started within
 * {@link org.orderly.gateway.app.live.SessionTracker#BRIDGE_RESTARTED_WITHIN} of the sighting, is this session, and all
 * it took is added (docs/architecture.md, "A pile's count that goes back"); what the car took between the sighting and
 * the old bridge's stop nobody heard.
 */
final class EndedSessionEnergy {
    private EndedSessionEnergy() {
    }

    /**
     * @param delivered      the session's energy as last seen plugged in
     * @param counterSeen    the pile's count {@code delivered} was counted by then
     *                       ({@link org.orderly.gateway.core.session.PluggedSession#countKWh}): not a lower count held
     *                       (until 2026-12-07, mend61b, the pile's latest, and a status come late before a silence had
     *                       the gap between the two counted twice: {@code HeldCountRowTest})
     * @param lastSeen       when it was last seen plugged in
     * @param ending         the pile's report that found the car gone
     * @param sessionBegan   {@code ending}'s {@code sessionPluggedAt}, on the clock as set
     * @param lastSession    {@code ending}'s {@code lastSession}, on the clock as set
     * @param samePlugIn     what tells a count or a session of the pile for this one, as the session tracker tells it
     */
    static double of(double delivered, double counterSeen, Instant lastSeen, PileObservation ending,
                     Optional<Instant> sessionBegan, Optional<LastEndedSession> lastSession, SamePlugIn samePlugIn) {
        if (!ending.reported()) {
            return delivered;
        }
        Optional<LastEndedSession> ours = samePlugIn.ended(lastSession, lastSeen);
        if (ours.isPresent() && samePlugIn.countedAfterRestart(ours.get(), lastSeen)) {
            return delivered + ours.get().energyKWh();
        }
        boolean countIsOurs = !ending.plugged()
                && sessionBegan.map(began -> !samePlugIn.laterThan(began, lastSeen)).orElse(false);
        if (countIsOurs && ending.sessionEnergyKWh() > counterSeen) {
            return delivered + ending.sessionEnergyKWh() - counterSeen;
        }
        if (ours.isPresent() && ours.get().energyKWh() > counterSeen) {
            return delivered + ours.get().energyKWh() - counterSeen;
        }
        return delivered;
    }
}
