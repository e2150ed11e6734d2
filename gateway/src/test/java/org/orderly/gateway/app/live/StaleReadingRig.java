package org.orderly.gateway.app.live;

import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A control cycle on a virtual clock, each car drawing what the cycle before gave it (a full one nothing), each
 * pile's energy counter counting that draw in steps of {@link #COUNTER_STEP_KWH}, and a transformer meter that reads
 * the households and those cars now or, stale, a reading older than {@link #STALE_AFTER}: the conservative-mode tests'
 * rig.
 */
final class StaleReadingRig {
    static final Duration STALE_AFTER = Duration.ofSeconds(3);
    /** A pile's energy counter moves in steps, as a real pile's meter does. */
    static final double COUNTER_STEP_KWH = 0.01;

    private final Compound compound;
    private final VirtualClock clock;
    private final double householdsKw;
    private final TestTicker ticker = new TestTicker();
    /** Per pile, the energy its car has drawn, and when the rig last counted it. */
    private final double[] drawnKWh;
    private Instant countedAt;
    /** Which piles have a car plugged in: all, unless a test says otherwise. */
    final boolean[] plugged;
    /** Which piles' cars are full: they draw nothing, whatever they are given. */
    final boolean[] full;
    /** What the meter reads while stale: the households and the cars, as when fresh, or a made-up total. */
    double staleTotalKw = Double.NaN;
    private ControlCycle cycle;

    StaleReadingRig(Compound compound, VirtualClock clock, double householdsKw) {
        this.compound = compound;
        this.clock = clock;
        this.householdsKw = householdsKw;
        this.plugged = new boolean[compound.pileCount()];
        Arrays.fill(plugged, true);
        this.full = new boolean[compound.pileCount()];
        this.drawnKWh = new double[compound.pileCount()];
    }

    /** The cycle from now on: {@code policy}'s, with {@code safeEvKw} in conservative mode. */
    ControlCycle use(ChargingPolicy policy, double safeEvKw) {
        cycle = CycleBuilder.cycle(compound, policy, clock, safeEvKw).staleAfter(STALE_AFTER).ticker(ticker).build();
        return cycle;
    }

    ControlCycle cycle() {
        return cycle;
    }

    void advanceSeconds(int seconds) {
        clock.advanceSeconds(seconds);
        ticker.advance(Duration.ofSeconds(seconds));
    }

    /**
     * One cycle, each car drawing what it was given last (since the last cycle, on its pile's counter); the meter read
     * now, or when stale, too long ago.
     */
    CycleResult run(CycleResult last, boolean stale) {
        List<PileObservation> piles = new ArrayList<>();
        double evKw = 0;
        double hours = countedAt == null ? 0 : Duration.between(countedAt, clock.instant()).toMillis() / 3_600_000.0;
        countedAt = clock.instant();
        for (int i = 0; i < compound.pileCount(); i++) {
            double kw = last == null || full[i] ? 0 : compound.kw(i, last.allocation().amps()[i]);
            evKw += kw;
            drawnKWh[i] = plugged[i] ? drawnKWh[i] + kw * hours : 0;
            double counted = Math.floor(drawnKWh[i] / COUNTER_STEP_KWH + 1e-9) * COUNTER_STEP_KWH;
            piles.add(observation(i, plugged[i], kw, counted, clock.instant()).build());
        }
        Duration age = stale ? STALE_AFTER.plusSeconds(1) : Duration.ZERO;
        double totalKw = stale && !Double.isNaN(staleTotalKw) ? staleTotalKw : householdsKw + evKw;
        return cycle.run(new TransformerReading(totalKw, clock.instant().minus(age), age), piles, List.of());
    }
}
