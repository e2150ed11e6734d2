package org.orderly.gateway.field.modbus;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.orderly.gateway.core.time.Tick;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a serial bus's pile requests have waited unrun, judged at each cycle's start: whether the oldest has waited
 * the bound, and so is given a turn ahead of the transformer read ({@link BusPoller}), and what the log says of it.
 * One WARN when a request first waits that long (the bus, the piles waiting, how long, and what took the cycles), DEBUG
 * for each turn after, and one INFO once none has waited that long for five bounds since the last turn: a bus on the
 * edge is said once per such spell, not once a turn. The poller's thread only.
 */
public final class PileRequestWait {
    private static final Logger LOG = LoggerFactory.getLogger(PileRequestWait.class);

    /**
     * The longest a pile request waits for room in a cycle before it is given a turn ahead of the transformer read: a
     * fifth of the 10 s lease every Modbus pile is given (LeaseTiming.defaults(), renewed every 3.3 s). A renewal has
     * the 6.7 s from when it is due to the lease's end; behind a status read on its driver's thread it waits at most
     * this, plus the cycle the turn begins, and then runs with the status read's requests in the same turn: about 3.5 s
     * on a 1 s cycle. Two to four cycles (the gateway's are 500 ms): a request kept one or two cycles by a transformer
     * meter's slow reads is not a bus to act on.
     */
    public static final Duration BOUND = Duration.ofSeconds(2);
    /** How long no request must wait the bound, after the last turn, for the bus to be said well again. */
    static final int CALM_BOUNDS = 5;

    private final String bus;
    private final Duration bound;
    /** The first turn of the spell the WARN said; null while none waits the bound. */
    private Tick spellBegan;
    private Tick lastTurn;
    private int turns;

    PileRequestWait(String bus, Duration bound) {
        this.bus = bus;
        this.bound = bound;
    }

    /**
     * At a cycle's start: whether the oldest of {@code waiting} (oldest first) has waited the bound, so that the
     * requests are given their turn now. Says the first of a spell, with {@code why} (what took the cycles), at WARN.
     */
    boolean turnDue(List<PileRequests.Pending> waiting, Tick now, Supplier<String> why) {
        Duration waited = waiting.isEmpty() ? Duration.ZERO : now.since(waiting.get(0).queuedAt());
        if (waited.compareTo(bound) >= 0) {
            if (spellBegan == null) {
                spellBegan = now;
                LOG.warn("bus {}: pile requests waited {} ms unrun ({}): {}; each that has waited {} ms is now run ahead of"
                                + " the next transformer read, which waits for them; give the transformer meter a bus of its"
                                + " own, or shorten the bus's timeout", bus, waited.toMillis(), whose(waiting), why.get(),
                        bound.toMillis());
            } else {
                LOG.debug("bus {}: pile requests waited {} ms unrun ({}): run ahead of the transformer read", bus,
                        waited.toMillis(), whose(waiting));
            }
            lastTurn = now;
            turns++;
            return true;
        }
        if (spellBegan != null && now.since(lastTurn).compareTo(bound.multipliedBy(CALM_BOUNDS)) >= 0) {
            LOG.info("bus {}: pile requests run in the cycles' room again: none has waited {} ms in the {} ms since the"
                            + " last of {} ahead of the transformer read, over {} ms", bus, bound.toMillis(),
                    now.since(lastTurn).toMillis(), Count.of(turns, "turn"), lastTurn.since(spellBegan).toMillis());
            spellBegan = null;
            turns = 0;
        }
        return false;
    }

    /** The piles waiting, each once, oldest first. */
    private static String whose(List<PileRequests.Pending> waiting) {
        return String.join(", ", waiting.stream().map(PileRequests.Pending::whose).distinct().toList());
    }
}
