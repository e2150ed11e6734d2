package org.orderly.gateway.app.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A control cycle on a virtual clock, each car drawing what the cycle before gave it, and a transformer meter that
 * reads the households and those cars now or, stale, a reading older than {@link #STALE_AFTER}: the conservative-mode
 * tests' rig.
 */
final class StaleReadingRig {
    static final Duration STALE_AFTER = Duration.ofSeconds(3);

    private final Compound compound;
    private final VirtualClock clock;
    private final double householdsKw;
    private final AtomicLong nanos = new AtomicLong();
    /** Which piles have a car plugged in: all, unless a test says otherwise. */
    final boolean[] plugged;
    /** What the meter reads while stale: the households and the cars, as when fresh, or a made-up total. */
    double staleTotalKw = Double.NaN;
    private ControlCycle cycle;

    StaleReadingRig(Compound compound, VirtualClock clock, double householdsKw) {
        this.compound = compound;
        this.clock = clock;
        this.householdsKw = householdsKw;
        this.plugged = new boolean[compound.pileCount()];
        Arrays.fill(plugged, true);
    }

    /** The cycle from now on: {@code policy}'s, with {@code safeEvKw} in conservative mode. */
    ControlCycle use(ChargingPolicy policy, double safeEvKw) {
        cycle = new ControlCycle(compound, policy, clock, STALE_AFTER, safeEvKw, SessionNumbers.inMemory(),
                ClockFloor.NONE, () -> new Tick(nanos.get()));
        return cycle;
    }

    ControlCycle cycle() {
        return cycle;
    }

    void advanceSeconds(int seconds) {
        clock.advanceSeconds(seconds);
        nanos.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    /** One cycle, each car drawing what it was given last; the meter read now, or when stale, too long ago. */
    CycleResult run(CycleResult last, boolean stale) {
        List<PileObservation> piles = new ArrayList<>();
        double evKw = 0;
        for (int i = 0; i < compound.pileCount(); i++) {
            double kw = last == null ? 0 : compound.kw(i, last.allocation().amps()[i]);
            evKw += kw;
            piles.add(new PileObservation(i, plugged[i], kw, 1, clock.instant()));
        }
        Duration age = stale ? STALE_AFTER.plusSeconds(1) : Duration.ZERO;
        double totalKw = stale && !Double.isNaN(staleTotalKw) ? staleTotalKw : householdsKw + evKw;
        return cycle.run(new TransformerReading(totalKw, clock.instant().minus(age), age), piles, List.of());
    }
}
