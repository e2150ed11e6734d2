package org.orderly.gateway.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.SafeEvPower;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * What the gateway sees at the start of a cycle whose transformer reading it does not trust (conservative mode: stale,
 * flowing back, or lacking a line): a {@link Snapshot} without the household load, which is not known, and with the EV
 * power allowed in its place ({@code safe}: the configured safe EV power, which a grid cap lowers, and the load-control
 * contact's EV limit), at the cycle's time ({@code at}, as {@link Snapshot#at}), and why the reading is not trusted
 * ({@code untrustedBecause}: {@link PileReason#METER_FLOWS_BACK}, or {@link PileReason#METER_STALE} for a stale one or
 * one lacking a line), which a car the cycle stops gives as its reason.
 */
public record SnapshotWithoutReading(Instant at, List<PluggedSession> plugged, List<GridCap> caps,
                                     List<PluggedSession> unheard, List<Departed> departed, SafeEvPower safe,
                                     PileReason untrustedBecause) {
    public SnapshotWithoutReading {
        Objects.requireNonNull(at, "at");
        if (untrustedBecause != PileReason.METER_STALE && untrustedBecause != PileReason.METER_FLOWS_BACK) {
            throw new IllegalArgumentException("a reading is not trusted when stale or flowing back, not for "
                    + untrustedBecause);
        }
        plugged = List.copyOf(plugged);
        caps = List.copyOf(caps);
        unheard = List.copyOf(unheard);
        departed = List.copyOf(departed);
        Objects.requireNonNull(safe, "safe");
    }
}
