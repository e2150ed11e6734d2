package org.orderly.gateway.app.live;

import java.time.Duration;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.pile.SessionEnergyBound;

/**
 * What tells a pile's count begun again under a session that goes on (docs/architecture.md, "A pile's count that goes
 * back"), for a pile that delivers at most {@code mostKw} in a world {@code worldSpeed} times as fast as real time,
 * plug-ins told by {@code samePlugIn}, its count moving in steps of {@code stepKwh} (a Modbus register's scale;
 * {@link CountSteps}). All on the ticker: a step of the wall clock (NTP, the clock set) moves a reading's
 * stamp and the plug-in it says alike, and is no time the pile counted in.
 */
record CountBegunAgain(SamePlugIn samePlugIn, double worldSpeed, double mostKw, double stepKwh) {
    /**
     * When {@code p}, read at {@code readAt} (the ticker's), says its count began, on the ticker: its plug-in, from which
     * a pile that says it counts (a bridge's {@code pluggedSeconds}, which {@link PileObservation#pluggedAt} is in the
     * world's time), as a real span before the reading; null when it does not say (Modbus), or says a plug-in more than
     * {@link SessionTracker#LONGEST_REPORTED_STAY} before the reading (a pile's count gone wrong, as its arrival takes it).
     */
    Tick began(PileObservation p, Tick readAt) {
        return p.pluggedAt().map(at -> Duration.between(at, p.readAt()))
                .filter(since -> since.compareTo(SessionTracker.LONGEST_REPORTED_STAY) <= 0)
                .map(since -> readAt.plus(realOf(since).negated())).orElse(null);
    }

    /**
     * Whether a count said to begin at {@code began} (the ticker's) is begun again after one said to begin at
     * {@code before}: later beyond the tolerance, in the world's time ({@link SamePlugIn#countBegunAgain}).
     */
    private boolean startMoved(Tick before, Tick began) {
        return samePlugIn.countBegunAgain(Duration.ofNanos(Math.round(began.since(before).toNanos() * worldSpeed)));
    }

    /**
     * Whether a pile that said its count (its plug-in) began at {@code before} and now says {@code began} began it again
     * after {@code after} (all the ticker's; {@code after} null: no such time known): its start moved later
     * ({@link #startMoved}) to no earlier than {@code after}, less a late status's lateness and the jitter
     * ({@link #mayHaveBegunAfter}). Under a session that goes on, {@code after} is when its last count was first read; for
     * a plug-in across a spell of E or F ({@link FaultSpells#plugInMoved}), when the spell's first report was: a new
     * count, or a car plugged in anew, begins after either, and a status that came late says a start before them.
     */
    boolean begunAgain(Tick before, Tick began, Tick after) {
        return startMoved(before, began) && mayHaveBegunAfter(after, began);
    }

    /**
     * Whether a count said to begin at {@code began} (the ticker's) may have been begun by a pile restarted since the
     * count first read at {@code lastCountAt} (null: none read since the gateway started): no earlier than it, less the
     * lateness a status may have ({@link SessionEnergyBound#LATE}) and the start's jitter (the tolerance). A restarted
     * bridge starts after its last count was read; a status that came late says a start near the true plug-in, before
     * any count read since the car first drew. A count that has not moved since the plug-in is read near that start
     * too, and then nothing was counted to be counted twice.
     */
    private boolean mayHaveBegunAfter(Tick lastCountAt, Tick began) {
        if (lastCountAt == null) {
            return true;
        }
        Duration margin = SessionEnergyBound.LATE.plus(realOf(samePlugIn.tolerance()));
        return !began.isBefore(lastCountAt.plus(margin.negated()));
    }

    /**
     * The most a count begun again after one first read at {@code from} could say at {@code at} (the ticker's): all the
     * pile could deliver since, as the driver's bound allows it ({@link SessionEnergyBound#mostCountedBetween}).
     */
    double mostCountedBetween(Tick from, Tick at) {
        return SessionEnergyBound.mostCountedBetween(mostKw, from, at, worldSpeed);
    }

    /**
     * Whether {@code count}, read at {@code at} (the ticker's), the first count other than 0 after a 0 taken for a count
     * begun again, says the 0 was misread (a Modbus register reading 0 in one answer, then its true count): it is the
     * count before the 0 ({@code countBefore}, last read at {@code countBeforeReadAt}; null: not read since the gateway
     * started) or more, less its rounding ({@link SessionEnergyBound#ROUNDING_KWH}; no register step: a register only
     * goes up, rounded or not, so the same count never reads a step lower; sess62 allowed one on that belief, taken back
     * the same day after read62d), and more than a count begun after
     * that reading could show by now: all the pile could deliver since ({@link #mostCountedBetween}) and a step of its
     * register (one that rounds up shows a step early). A real
     * count begun again never shows more, so what it counts is never lost; a count before it no more than that is not
     * told from one and stays counted twice (a 1 kWh register's 1 kWh, read soon after its 0).
     */
    boolean misreadZero(double countBefore, Tick countBeforeReadAt, double count, Tick at) {
        return countBeforeReadAt != null && count >= countBefore - SessionEnergyBound.ROUNDING_KWH
                && count > mostCountedBetween(countBeforeReadAt, at) + stepKwh;
    }

    /**
     * Whether {@code count}, a pile's first count after a gateway restart, is a carried session's stored count
     * ({@code stored}, its {@code pile_energy_kwh}) going on: that count or more. No margin below: the row keeps the count
     * as read, not rounded, and the same car's register only goes up, while nothing else tells a new car (a Modbus pile
     * says no plug-in) and a new car's count starts at 0 and climbs while the gateway is down. Unlike
     * {@link #misreadZero}, whose second test (more than a count begun since could show) tells a new count apart. On
     * 2026-12-07 (sess62, mend62a) a margin of 0.01 kWh and a register step, then 0.01 kWh alone, joined such a new car
     * to the first car's session (read62c's probe; {@code ArrivalWhileTheGatewayWasDownTest} in CI), and was withdrawn.
     */
    boolean storedCountGoesOn(double count, double stored) {
        return count >= stored;
    }

    /** The real time a span of the world's lasts. */
    private Duration realOf(Duration world) {
        return Duration.ofNanos(Math.round(world.toNanos() / worldSpeed));
    }
}
