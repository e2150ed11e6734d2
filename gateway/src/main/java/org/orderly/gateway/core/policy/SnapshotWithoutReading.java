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
 * contact's EV limit), at the cycle's time ({@code at}, as {@link Snapshot#at}).
 */
public record SnapshotWithoutReading(Instant at, List<PluggedSession> plugged, List<GridCap> caps,
                                     List<PluggedSession> unheard, List<Departed> departed, SafeEvPower safe) {
    public SnapshotWithoutReading {
        Objects.requireNonNull(at, "at");
        plugged = List.copyOf(plugged);
        caps = List.copyOf(caps);
        unheard = List.copyOf(unheard);
        departed = List.copyOf(departed);
        Objects.requireNonNull(safe, "safe");
    }
}
