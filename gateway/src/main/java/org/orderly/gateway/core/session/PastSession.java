package org.orderly.gateway.core.session;

import java.time.Instant;

/**
 * A session that has ended: what the gateway's history remembers. {@code energyKWh} is the energy
 * the vehicle took; {@code reachedFull} says whether it stopped drawing on its own (then the
 * energy is all it wanted) or left while still drawing (then it is a lower bound). {@code energyKWh} is NaN when not
 * known (its pile counts no energy): such a stay says nothing of what a car wants or draws.
 */
public record PastSession(int pileIndex, Instant arrival, Instant departure, double energyKWh,
                          Declaration declared, boolean reachedFull) {
    public double hours() {
        return (departure.getEpochSecond() - arrival.getEpochSecond()) / 3600.0;
    }
}
