package org.orderly.gateway.app;

import java.util.Arrays;
import java.util.List;
import org.orderly.gateway.field.pile.PileDriver;

/**
 * Hands each cycle's amperes to every pile driver. A driver sends only values that changed and refreshes
 * the standing one as a lease itself, but only while the control loop keeps offering it: so every value
 * is offered every cycle, and a control loop that stops lets the leases lapse. {@code offer} never
 * blocks. Used on the control thread only.
 */
final class SetpointSender {
    private final List<PileDriver> drivers;
    private final double[] sent;

    SetpointSender(List<PileDriver> drivers) {
        this.drivers = drivers;
        this.sent = new double[drivers.size()];
        Arrays.fill(sent, Double.NaN);
    }

    /** Offers this cycle's values; returns how many differ from the previous cycle's. */
    int send(double[] amps) {
        int changed = 0;
        for (int i = 0; i < drivers.size(); i++) {
            double a = Math.max(0, amps[i]);
            if (a != sent[i]) {
                changed++;
            }
            drivers.get(i).offer(a);
            sent[i] = a;
        }
        return changed;
    }

    /** The last value offered to pile {@code i}; NaN before the first. */
    double sent(int i) {
        return sent[i];
    }
}
