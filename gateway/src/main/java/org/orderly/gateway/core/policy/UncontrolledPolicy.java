package org.orderly.gateway.core.policy;

import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.PluggedSession;

/** The baseline without control: every plugged vehicle at its pile's maximum from arrival. */
public final class UncontrolledPolicy implements ChargingPolicy {
    private final Compound compound;

    public UncontrolledPolicy(Compound compound) {
        this.compound = compound;
    }

    @Override
    public Allocation decide(Snapshot snapshot) {
        double[] amps = new double[compound.pileCount()];
        int[] limitedBy = new int[compound.pileCount()];
        java.util.Arrays.fill(limitedBy, -1);
        for (PluggedSession s : snapshot.plugged()) {
            amps[s.pileIndex()] = compound.pile(s.pileIndex()).maxCurrentA();
        }
        return new Allocation(amps, limitedBy);
    }

    @Override
    public String name() {
        return "uncontrolled";
    }
}
