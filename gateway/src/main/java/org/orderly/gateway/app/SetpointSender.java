package org.orderly.gateway.app;

import java.util.Arrays;
import java.util.List;
import org.orderly.gateway.field.pile.PileDriver;

/**
 * Hands each cycle's amperes to the pile drivers, offering only the values that changed: the drivers keep
 * refreshing the standing value as a lease themselves. {@code offer} never blocks. Used on the control thread only.
 */
final class SetpointSender {
    private final List<PileDriver> drivers;
    private final double[] sent;

    SetpointSender(List<PileDriver> drivers) {
        this.drivers = drivers;
        this.sent = new double[drivers.size()];
        Arrays.fill(sent, Double.NaN);
    }

    /** Offers the changed values; returns how many were offered. */
    int send(double[] amps) {
        int offered = 0;
        for (int i = 0; i < drivers.size(); i++) {
            double a = Math.max(0, amps[i]);
            if (a != sent[i]) {
                drivers.get(i).offer(a);
                sent[i] = a;
                offered++;
            }
        }
        return offered;
    }

    /** The last value offered to pile {@code i}; NaN before the first. */
    double sent(int i) {
        return sent[i];
    }
}
