package org.orderly.gateway.core.policy;

import java.util.List;
import java.util.Objects;
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * What the gateway sees at the start of a cycle: the household (non-EV) load the transformer
 * meter reads (in total, and on each line where the meter reads the lines), the sessions plugged in on the piles it
 * hears, the grid caps issued so far, the current held for the
 * piles it cannot hear (what each may offer on its own: not the policy's to share), the sessions open on those
 * piles ({@code unheard}: not planned for, not given current, but not gone either), and how the sessions that ended
 * since the policy was last asked ended ({@code departed}; a session gone that it does not list left at this cycle).
 */
public record Snapshot(HouseholdLoad household, List<PluggedSession> plugged, List<GridCap> caps, Reservation reserved,
                       List<PluggedSession> unheard, List<Departed> departed) {

    /** No session ended but at this cycle. */
    public Snapshot(HouseholdLoad household, List<PluggedSession> plugged, List<GridCap> caps, Reservation reserved,
                    List<PluggedSession> unheard) {
        this(household, plugged, caps, reserved, unheard, List.of());
    }

    /** A household load split equally over the three lines. */
    public Snapshot(double baseKw, List<PluggedSession> plugged, List<GridCap> caps, Reservation reserved,
                    List<PluggedSession> unheard) {
        this(HouseholdLoad.evenly(baseKw), plugged, caps, reserved, unheard);
    }

    /** Every pile heard from, the household load split equally over the three lines. */
    public Snapshot(double baseKw, List<PluggedSession> plugged, List<GridCap> caps) {
        this(baseKw, plugged, caps, Reservation.NONE, List.of());
    }

    public Snapshot {
        Objects.requireNonNull(household, "household");
        plugged = List.copyOf(plugged);
        caps = List.copyOf(caps);
        Objects.requireNonNull(reserved, "reserved");
        unheard = List.copyOf(unheard);
        departed = List.copyOf(departed);
    }

    /** The household load in total. */
    public double baseKw() {
        return household.totalKw();
    }
}
