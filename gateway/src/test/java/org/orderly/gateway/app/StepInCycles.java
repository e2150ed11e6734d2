package org.orderly.gateway.app;

import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.TransformerReading;

/**
 * How a household step reaches the bridges of a {@link LiveRig}, counted in the gateway's control cycles
 * ({@link ControlLoop#cycles()}) rather than in milliseconds, which a loaded machine stretches: the cycle that first
 * read the step in the transformer meter's total, and the cycles counted when every bridge had the lower current.
 * Each is taken on the thread where it happens (the control thread, a bridge's), not by a test thread polling late.
 */
final class StepInCycles implements CycleListener {
    private final ControlLoop loop;
    private final LiveRig rig;
    private final double readAboveKw;
    private final double appliedAtOrBelowKw;
    private long stepAt = -1;
    private long stepNanos;
    private long readIn = -1;
    private long decidedIn = -1;
    private long appliedAt = -1;
    private long appliedAfterMs = -1;

    /**
     * @param readAboveKw        a transformer total above this holds the step
     * @param appliedAtOrBelowKw the bridges' offered power at or below this is the new current
     */
    StepInCycles(LiveRig rig, double readAboveKw, double appliedAtOrBelowKw) {
        this.rig = rig;
        this.loop = rig.gateway.loop();
        this.readAboveKw = readAboveKw;
        this.appliedAtOrBelowKw = appliedAtOrBelowKw;
        loop.observe(this);
        rig.bridges.forEach(b -> b.pile.onStatus(status -> bridgeChanged()));
    }

    /** Makes the step: the households draw {@code kw} from now on. */
    void step(double kw) {
        synchronized (this) {
            stepAt = loop.cycles();
            stepNanos = System.nanoTime();
        }
        rig.householdKw(kw);
    }

    @Override
    public synchronized void cycle(CycleSeen seen) {
        TransformerReading transformer = seen.transformer();
        CycleResult result = seen.result();
        if (stepAt >= 0 && readIn < 0 && transformer != null && transformer.totalKw() > readAboveKw) {
            readIn = loop.cycles();
        }
        if (readIn >= 0 && decidedIn < 0 && offeredKw(result) <= appliedAtOrBelowKw) {
            decidedIn = loop.cycles();
        }
    }

    /** What the cycle offers the piles, at 220 V per ampere as {@link LiveRig#offeredKw()} counts the bridges'. */
    private static double offeredKw(CycleResult result) {
        double amps = 0;
        for (double a : result.allocation().amps()) {
            amps += Math.max(0, a);
        }
        return amps * 0.22;
    }

    private synchronized void bridgeChanged() {
        if (stepAt >= 0 && appliedAt < 0 && rig.offeredKw() <= appliedAtOrBelowKw) {
            appliedAt = loop.cycles();
            appliedAfterMs = (System.nanoTime() - stepNanos) / 1_000_000;
        }
    }

    /**
     * Whether all is counted: the bridges have the lower current, and the cycles that read the step and offered it have
     * been heard (a bridge may take it before the control thread tells of the cycle that sent it).
     */
    synchronized boolean counted() {
        return appliedAt >= 0 && readIn >= 0 && decidedIn >= 0;
    }

    /**
     * The cycles from the one that read the step to the bridges all having the new current, that one included: 1 when
     * they had it before the next cycle ended.
     */
    synchronized long cyclesFromRead() {
        return appliedAt - readIn + 1;
    }

    /** The number of the first cycle whose reading held the step; -1 while none has. */
    synchronized long readIn() {
        return readIn;
    }

    /** The number of the first cycle, from the one that read the step on, that offered the lower current; -1 before. */
    synchronized long decidedIn() {
        return decidedIn;
    }

    /** Milliseconds from the step to the bridges all having the new current: for the benchmark, never asserted. */
    synchronized long appliedAfterMs() {
        return appliedAfterMs;
    }

    @Override
    public synchronized String toString() {
        return "step after cycle " + stepAt + ", read in cycle " + readIn + ", lower current offered in cycle "
                + decidedIn + ", had by the bridges after cycle " + appliedAt + " (" + appliedAfterMs + " ms)";
    }
}
