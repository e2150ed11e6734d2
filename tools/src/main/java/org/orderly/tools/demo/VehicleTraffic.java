package org.orderly.tools.demo;

import java.util.List;
import java.util.Random;

/**
 * Vehicles arriving and leaving: each step an empty pile gets a car with probability {@code arrive}, and a
 * plugged car leaves with probability {@code leave}. Seeded, so a demo run is repeatable.
 */
final class VehicleTraffic {
    private final List<DemoPile> piles;
    private final Random random;
    private final double arrive;
    private final double leave;

    VehicleTraffic(List<DemoPile> piles, long seed, double arrive, double leave) {
        this.piles = piles;
        this.random = new Random(seed);
        this.arrive = arrive;
        this.leave = leave;
    }

    synchronized void step() {
        for (DemoPile p : piles) {
            if (!p.plugged() && random.nextDouble() < arrive) {
                p.plugIn();
            } else if (p.plugged() && random.nextDouble() < leave) {
                p.unplug();
            }
        }
    }
}
