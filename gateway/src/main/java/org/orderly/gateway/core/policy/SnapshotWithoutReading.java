package org.orderly.gateway.core.policy;

import java.util.List;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * What the gateway sees at the start of a cycle whose transformer reading it does not trust (conservative mode: stale,
 * flowing back, or lacking a line): a {@link Snapshot} without the household load, which is not known, and with the EV
 * power allowed in its place ({@code safeEvKw}: the configured safe EV power, or less under the load-control contact).
 */
public record SnapshotWithoutReading(List<PluggedSession> plugged, List<GridCap> caps, List<PluggedSession> unheard,
                                     List<Departed> departed, double safeEvKw) {
    public SnapshotWithoutReading {
        plugged = List.copyOf(plugged);
        caps = List.copyOf(caps);
        unheard = List.copyOf(unheard);
        departed = List.copyOf(departed);
        if (!(safeEvKw >= 0)) {
            throw new IllegalArgumentException("the safe EV power must be >= 0 kW, got " + safeEvKw);
        }
    }
}
