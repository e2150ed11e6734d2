package org.orderly.gateway.field.modbus;

import java.time.Duration;
import org.orderly.gateway.core.time.Tick;

/**
 * A serial bus's port while it will not open (or failed as a port): tried again by the first request of the cycle
 * after the one it failed in, then after twice as many cycles each time it fails again, up to every
 * {@link #LONGEST_WAIT} cycles, so that a port missing for hours is not opened a few times a second by every meter
 * read and pile request. A cycle is known by when it began. The bus's poller's thread only.
 */
final class ShutPort {
    /** The most cycles between two tries of a port that stays shut: half a minute on a 1 s cycle. */
    static final int LONGEST_WAIT = 32;

    private final Duration cycle;
    /** The cycles to wait after the last failed try; 0 while the port is open. */
    private int wait;
    private Tick lastTried;
    private int tries;

    ShutPort(Duration cycle) {
        this.cycle = cycle;
    }

    boolean isShut() {
        return wait > 0;
    }

    /** Whether a request in the cycle begun at {@code cycleStart} may try the port: it is open, or due again. */
    boolean mayTry(Tick cycleStart) {
        // half a cycle's slack: a sleeper may wake the next cycle a hair before the period is whole
        return wait == 0 || !cycleStart.isBefore(lastTried.plus(cycle.multipliedBy(wait).minus(cycle.dividedBy(2))));
    }

    /** The port failed in the cycle begun at {@code cycleStart}; whether it was open until then. */
    boolean failed(Tick cycleStart) {
        boolean wasOpen = wait == 0;
        wait = wasOpen ? 1 : Math.min(wait * 2, LONGEST_WAIT);
        lastTried = cycleStart;
        tries++;
        return wasOpen;
    }

    /** The port answered: how many tries failed before; 0 when it was open. */
    int opened() {
        int failedTries = tries;
        wait = 0;
        tries = 0;
        lastTried = null;
        return failedTries;
    }

    /** The cycles until it is tried again. */
    int waitCycles() {
        return wait;
    }
}
