package org.orderly.gateway.app;

import java.time.Duration;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.TransformerReading;

/**
 * How a {@link LiveRig}'s gateway takes its transformer meter falling silent and coming back, counted in its control
 * cycles ({@link ControlLoop#cycles()}) rather than in milliseconds, which a loaded machine stretches: the first cycle
 * whose reading is older than the configured {@code staleAfterMs} (the product's contract: such a reading puts the
 * compound in conservative mode), the first conservative cycle, the first that offers no more than the safe EV power,
 * and the cycles counted when every bridge had it; then, the meter back, the first cycle with a fresh reading and the
 * first normal one. Each is taken on the thread where it happens (the control thread, a bridge's), and a reading's age
 * is the one the cycle judged, not a test thread's guess.
 */
final class SilenceInCycles implements CycleListener {
    private final ControlLoop loop;
    private final LiveRig rig;
    private final Duration staleAfter;
    private final double safeKw;
    private long silencedAt = -1;
    private long staleIn = -1;
    private long conservativeIn = -1;
    private long safeOfferedIn = -1;
    private long appliedAt = -1;
    /** Cycles, from the silence until the meter is back, that judged a stale reading other than conservatively. */
    private long staleButNotConservative;
    private long backAt = -1;
    private long freshIn = -1;
    private long normalIn = -1;

    /**
     * @param staleAfter the gateway's {@code control.staleAfterMs}
     * @param safeKw     the bridges' offered power at or below this is the safe EV power
     */
    SilenceInCycles(LiveRig rig, Duration staleAfter, double safeKw) {
        this.rig = rig;
        this.loop = rig.gateway.loop();
        this.staleAfter = staleAfter;
        this.safeKw = safeKw;
        loop.observe(this);
        rig.bridges.forEach(b -> b.pile.onStatus(status -> bridgeChanged()));
    }

    /** Stops the transformer meter, counting from the cycles run so far. */
    void silence() {
        synchronized (this) {
            silencedAt = loop.cycles();
        }
        rig.meter.stop();
    }

    /** Starts the transformer meter again, counting from the cycles run so far. */
    void bringBack() throws Exception {
        synchronized (this) {
            backAt = loop.cycles();
        }
        rig.meter.start();
    }

    @Override
    public synchronized void cycle(CycleSeen seen) {
        TransformerReading transformer = seen.transformer();
        CycleResult result = seen.result();
        if (silencedAt < 0) {
            return;
        }
        boolean stale = transformer == null || transformer.age().compareTo(staleAfter) > 0;
        if (backAt < 0) {
            if (stale && staleIn < 0) {
                staleIn = loop.cycles();
            }
            if (stale && result.mode() != ControlMode.CONSERVATIVE) {
                staleButNotConservative++;
            }
            if (result.mode() == ControlMode.CONSERVATIVE && conservativeIn < 0) {
                conservativeIn = loop.cycles();
            }
            if (conservativeIn >= 0 && safeOfferedIn < 0 && offeredKw(result) <= safeKw) {
                safeOfferedIn = loop.cycles();
            }
            return;
        }
        if (!stale && freshIn < 0) {
            freshIn = loop.cycles();
        }
        if (freshIn >= 0 && normalIn < 0 && result.mode() == ControlMode.NORMAL) {
            normalIn = loop.cycles();
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
        if (silencedAt >= 0 && backAt < 0 && appliedAt < 0 && rig.offeredKw() <= safeKw) {
            appliedAt = loop.cycles();
        }
    }

    /**
     * Whether the silence is all counted: a stale reading and a conservative cycle heard, and the bridges holding the
     * safe power (a bridge may take it before the control thread tells of the cycle that sent it).
     */
    synchronized boolean silenceCounted() {
        return staleIn >= 0 && conservativeIn >= 0 && safeOfferedIn >= 0 && appliedAt >= 0;
    }

    /** Whether the return is all counted: a fresh reading and a normal cycle heard since the meter came back. */
    synchronized boolean returnCounted() {
        return freshIn >= 0 && normalIn >= 0;
    }

    /** The number of the first cycle after the silence whose reading was stale; -1 while none has been. */
    synchronized long staleIn() {
        return staleIn;
    }

    /** The number of the first conservative cycle after the silence; -1 while none has been. */
    synchronized long conservativeIn() {
        return conservativeIn;
    }

    /** The number of the first cycle, from the first conservative one on, that offered the safe EV power at most. */
    synchronized long safeOfferedIn() {
        return safeOfferedIn;
    }

    /** How many cycles judged a stale reading and were not conservative: 0 when the contract holds. */
    synchronized long staleButNotConservative() {
        return staleButNotConservative;
    }

    /**
     * The cycles from the first conservative one to the bridges all having the safe power, that one included: 1 when
     * they had it before the next cycle ended.
     */
    synchronized long cyclesFromConservative() {
        return appliedAt - conservativeIn + 1;
    }

    /** The number of the first cycle after the meter came back whose reading was fresh; -1 while none has been. */
    synchronized long freshIn() {
        return freshIn;
    }

    /** The number of the first normal cycle from the first fresh reading on; -1 while none has been. */
    synchronized long normalIn() {
        return normalIn;
    }

    @Override
    public synchronized String toString() {
        return "meter silenced after cycle " + silencedAt + ", stale reading first in cycle " + staleIn
                + ", first conservative cycle " + conservativeIn + ", safe power offered in cycle " + safeOfferedIn
                + ", had by the bridges after cycle " + appliedAt + ", stale but not conservative in "
                + staleButNotConservative + " cycles; meter back after cycle " + backAt + ", fresh reading first in cycle "
                + freshIn + ", first normal cycle " + normalIn;
    }
}
