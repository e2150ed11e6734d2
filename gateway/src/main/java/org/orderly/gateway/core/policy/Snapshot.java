package org.orderly.gateway.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * What the gateway sees at the start of a cycle: the household (non-EV) load the transformer
 * meter reads (in total, and on each line where the meter reads the lines), the sessions plugged in on the piles it
 * hears, the grid caps issued so far, the current held for the
 * piles it cannot hear (what each may offer on its own: not the policy's to share), the sessions open on those
 * piles and on piles that say E or F ({@code unheard}: not planned for, not given current, but not gone either), and
 * how the sessions that ended
 * since the policy was last asked ended ({@code departed}; a session gone that it does not list left at this cycle),
 * at the cycle's time ({@code at}): the one instant the whole cycle goes by, so that the policy judges a cap's window,
 * a stop's settle time and the plan's slot at the time the cycle keeps to its limits and the telemetry says them, not
 * at a clock read of its own a few milliseconds later (a cap's boundary in between was kept one cycle off). The
 * household load is measured or a bound ({@code figure}): a car whose draw is not known to be in the reading may be in it.
 * The piles that do not say their car's draw, with their offers in force ({@code silent}), are shared the room with what
 * each is given above that offer counted twice: their draws are the households' at the next reading.
 */
public record Snapshot(Instant at, HouseholdLoad household, List<PluggedSession> plugged, List<GridCap> caps,
                       Reservation reserved, List<PluggedSession> unheard, List<Departed> departed,
                       HouseholdFigure figure, SilentOffers silent) {

    /**
     * Every pile heard from and saying its draw, no session ended but at this cycle, the household load measured (a
     * simulation's always is) and split equally over the three lines.
     */
    public Snapshot(Instant at, double baseKw, List<PluggedSession> plugged, List<GridCap> caps) {
        this(at, HouseholdLoad.evenly(baseKw), plugged, caps, Reservation.NONE, List.of(), List.of(),
                HouseholdFigure.MEASURED, SilentOffers.NONE);
    }

    public Snapshot {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(household, "household");
        plugged = List.copyOf(plugged);
        caps = List.copyOf(caps);
        Objects.requireNonNull(reserved, "reserved");
        unheard = List.copyOf(unheard);
        departed = List.copyOf(departed);
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(silent, "silent");
    }

    /** Whether the household load is measured, not a bound: what may be learnt as the households' load. */
    public boolean householdsMeasured() {
        return figure == HouseholdFigure.MEASURED;
    }

    /** The household load in total. */
    public double baseKw() {
        return household.totalKw();
    }
}
