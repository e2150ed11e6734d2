package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes pile drivers together: every close is begun (no more lease renewals, each thread asked to end) before any
 * thread is waited for, and all are waited for up to one deadline, {@link #THREAD_WAIT} from when the last close was
 * begun. So a stop with many piles whose threads do not end at once (a Modbus connect to a pile that does not answer
 * runs to its timeout, deaf to an interrupt) takes those 2 s once, not 2 s a pile: until 2026-12-06 each driver's close
 * waited for its own thread in turn (docs/operations.md, "The stop budget"; {@code PileDriversStopTest}). A caller
 * interrupted waits for none, and the line says so rather than that they outlasted the wait.
 */
public final class PileDriverCloses {
    /** How long the drivers' threads are waited for, all together. */
    public static final Duration THREAD_WAIT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(PileDriverCloses.class);

    private PileDriverCloses() {
    }

    /**
     * Closes each of {@code drivers}, even when one's close fails: the first failure is thrown once all are closed, the
     * others suppressed in it. The piles whose threads outlasted the wait are said in one WARN.
     */
    public static void closeAll(List<? extends PileDriver> drivers) {
        List<Ending> endings = new ArrayList<>();
        RuntimeException failed = null;
        for (PileDriver d : drivers) {
            try {
                endings.add(new Ending(d.pileId(), d.beginClose()));
            } catch (RuntimeException e) {
                failed = firstOf(failed, e);
            }
        }
        Tick until = Ticker.SYSTEM.now().plus(THREAD_WAIT);
        List<String> notEnded = new ArrayList<>();
        for (Ending e : endings) {
            try {
                if (!e.closing().end(until)) {
                    notEnded.add(e.pileId());
                }
            } catch (RuntimeException thrown) {
                failed = firstOf(failed, thrown);
            }
        }
        if (!notEnded.isEmpty() && Thread.currentThread().isInterrupted()) {
            // An interrupted wait returns at once (DriverThread.ended): these threads were not given the 2 s.
            LOG.warn("{} not waited for: the stopping thread was interrupted (left to end on their own): {}",
                    Count.of(notEnded.size(), "pile driver's thread", "pile drivers' threads"), String.join(", ", notEnded));
        } else if (!notEnded.isEmpty()) {
            LOG.warn("{} did not end within {} s of the close (left to end on their own): {}",
                    Count.of(notEnded.size(), "pile driver's thread", "pile drivers' threads"), THREAD_WAIT.toSeconds(),
                    String.join(", ", notEnded));
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static RuntimeException firstOf(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private record Ending(String pileId, PileDriver.Closing closing) {
    }
}
