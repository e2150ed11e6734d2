package org.orderly.gateway.core.policy;

import java.util.List;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * What the gateway sees at the start of a cycle: the household (non-EV) load the transformer
 * meter reads, the sessions plugged in, and the grid caps issued so far.
 */
public record Snapshot(double baseKw, List<PluggedSession> plugged, List<GridCap> caps) {
    public Snapshot {
        if (!Double.isFinite(baseKw)) {
            throw new IllegalArgumentException("household load must be a finite number of kW, got " + baseKw
                    + "; a missing reading is the caller's to handle (conservative mode)");
        }
        plugged = List.copyOf(plugged);
        caps = List.copyOf(caps);
    }
}
