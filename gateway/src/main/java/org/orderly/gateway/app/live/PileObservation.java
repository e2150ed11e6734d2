package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.core.time.ClockStep;

/**
 * What a pile last reported: whether a vehicle is plugged in (IEC 61851 state B or C), the power
 * it draws, the energy its meter has counted for the current session, and when this was read.
 * {@code reported} is false for a pile not heard from since the gateway started: it then counts as unplugged and
 * drawing nothing, but says nothing of a session the gateway had open on it before it stopped. {@code pluggedAt} is
 * when the pile says the vehicle was plugged in (its time of reading less the pile's own count of the time since),
 * empty when it does not say. {@code age} is how long ago the report came, on the gateway's monotonic ticker and in
 * real time (a driver re-reads a silent pile on real time, whatever the world's speed): the control cycle takes a pile
 * whose report is older than its offline time ({@code control.pileOfflineAfterMs}) as offline. {@code drawKnown} is
 * false when the pile did not say what its car draws: {@code powerKw} is then 0, which is not a measurement (a car
 * told to draw less may still draw its old offer). {@code sessionPluggedAt} is when the session whose energy
 * {@code sessionEnergyKWh} counts began, as the pile says it (the bridge's {@code sessionPluggedSeconds}): unlike
 * {@code pluggedAt} also once its car has gone, so that the count can be told for an ended session's; empty when the
 * pile does not say (Modbus, a bridge before 2026-12-03, none since the bridge started). {@code energyKnown} is false
 * when the pile does not count its session's energy (a Modbus pile map without {@code energy.session.kwh}):
 * {@code sessionEnergyKWh} is then 0, which is not a count, and what its sessions took is not known. {@code lastSession}
 * is the last session that ended on the pile, as the pile says it, also once another car is plugged in; empty when it
 * does not say (Modbus, a bridge before 2026-12-04, no unplug since the bridge started). {@code drawAt} and
 * {@code drawAge} are when {@code powerKw} was so, as {@code readAt} and {@code age} are for the rest: the report's
 * own where the pile says its draw, its bus meter's reading's where that measured it ({@code meters.piles[]}), which is
 * read at its own moment, up to a round of its bus before or after the report (a bridge reports every few seconds).
 * The control cycle matches the draw with a transformer reading by them; whether the pile is heard, and offline, stays
 * by the report's. {@code pluggedAtStart} is the pile's word that its car is the one it found plugged in at its start
 * (the bridge's {@code pluggedAtStart}): {@code pluggedAt} is then that start, and the car may have been plugged in
 * before it (a bridge restarted with the car plugged in); false when it does not say. {@code faulted} is whether the
 * pile says E or F: not plugged in, yet no word that its car left either (only A says that), so a session open on it
 * goes on for a while ({@link SessionTracker#KEPT_THROUGH_FAULT}).
 */
public record PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh,
                              Instant readAt, boolean reported, Optional<Instant> pluggedAt, Duration age,
                              boolean drawKnown, Optional<Instant> sessionPluggedAt, boolean energyKnown,
                              Optional<LastEndedSession> lastSession, Instant drawAt, Duration drawAge,
                              boolean pluggedAtStart, boolean faulted) {
    public PileObservation {
        Objects.requireNonNull(drawAt, "drawAt");
        Objects.requireNonNull(drawAge, "drawAge");
        Objects.requireNonNull(lastSession, "lastSession");
        Objects.requireNonNull(sessionPluggedAt, "sessionPluggedAt");
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(pluggedAt, "pluggedAt");
        Objects.requireNonNull(age, "age");
    }

    /**
     * This report on the clock as set by {@code step}: its read time and the plug-in it says, when the unset clock gave
     * them, moved by the step.
     */
    public PileObservation movedBy(ClockStep step) {
        return new PileObservation(pileIndex, plugged, powerKw, sessionEnergyKWh, step.correct(readAt), reported,
                pluggedAt.map(step::correct), age, drawKnown, sessionPluggedAt.map(step::correct), energyKnown,
                lastSession.map(s -> s.movedBy(step)), step.correct(drawAt), drawAge, pluggedAtStart,
                faulted);
    }

    /** A pile not heard from yet, at {@code now}. */
    public static PileObservation notReported(int pileIndex, Instant now) {
        return new PileObservation(pileIndex, false, 0, 0, now, false, Optional.empty(), Duration.ZERO, false,
                Optional.empty(), true, Optional.empty(), now, Duration.ZERO, false, false);
    }
}
