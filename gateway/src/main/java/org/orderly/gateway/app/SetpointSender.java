package org.orderly.gateway.app;

import java.util.Arrays;
import java.util.List;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.field.pile.PileDriver;

/**
 * Hands each cycle's amperes to every pile driver. A driver sends only values that changed and refreshes
 * the standing one as a lease itself, but only while the control loop keeps offering it: so every value
 * is offered every cycle, and a control loop that stops lets the leases lapse. A pile not heard from since the
 * gateway started is offered nothing: the cycle cannot know whether a car charges on it (on a lease of the last run,
 * which the cycle holds room for), and 0 A would pause one still charging across a restart. {@code offer} never
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

    /**
     * Offers this cycle's values to the piles heard from ({@code piles} by pile index); returns how many differ from the
     * previous cycle's.
     */
    int send(double[] amps, List<PileObservation> piles) {
        int changed = 0;
        for (int i = 0; i < drivers.size(); i++) {
            if (!piles.get(i).reported()) {
                continue;
            }
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
