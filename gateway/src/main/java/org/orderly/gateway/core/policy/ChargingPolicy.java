package org.orderly.gateway.core.policy;

import java.time.Instant;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.session.PastSession;

/** Decides every pile's current once per control cycle. */
public sealed interface ChargingPolicy permits OrderlyPolicy, UncontrolledPolicy, EqualSharePolicy {

    /** Amperes per pile index for this cycle: 0, or within the pile's [min, max]. */
    Allocation decide(Snapshot snapshot);

    /** A session that ended before the policy started (the gateway's database remembers it). */
    default void remember(PastSession past) {
    }

    String name();

    /** The total limit in force at {@code t}: the transformer's, or a lower active grid cap. */
    static double limitAt(Compound compound, Iterable<GridCap> caps, Instant t) {
        double limit = compound.transformer().limitKw();
        for (GridCap cap : caps) {
            if (cap.activeAt(t)) {
                limit = Math.min(limit, cap.limitKw());
            }
        }
        return limit;
    }
}
