package org.orderly.gateway.core.policy;

import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * The live headroom split equally among the plugged vehicles, as SmartEVSE and EVerest do: safe,
 * but blind to prices and to who must leave first.
 */
public final class EqualSharePolicy implements ChargingPolicy {
    private final Compound compound;
    private final Limiter limiter;

    public EqualSharePolicy(Compound compound) {
        this.compound = compound;
        this.limiter = new Limiter(compound, Double.POSITIVE_INFINITY, 0.1);
    }

    @Override
    public Allocation decide(Snapshot snapshot) {
        List<Request> requests = new ArrayList<>();
        for (PluggedSession s : snapshot.plugged()) {
            requests.add(new Request(s.pileIndex(), compound.pile(s.pileIndex()).maxCurrentA(), 0, 0));
        }
        double limit = ChargingPolicy.limitAt(compound, snapshot.caps(), snapshot.at());
        return limiter.limit(snapshot.reserved().from(compound, compound.room(snapshot.household(), limit)), requests,
                snapshot.silent());
    }

    @Override
    public String name() {
        return "equal-share";
    }
}
