package org.orderly.gateway.app;

import java.time.Instant;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.TransformerReading;

/**
 * The first control cycle of a gateway that judged a fresh transformer reading taken at or after a moment, taken on
 * the control thread as it happens. What a test asserts of the households' load holds only for such a cycle: a cycle
 * after the moment is not one whose meter was read after it (on a loaded machine, or after a timeout, the poll that
 * read it comes cycles later), and a cycle whose reading went stale knows no households' load at all (NaN).
 */
final class CycleReadAfter implements CycleListener {
    private final Instant after;
    private volatile CycleResult result;

    private CycleReadAfter(Instant after) {
        this.after = after;
    }

    /** Watches {@code loop}'s cycles from its next for one whose reading was taken at or after {@code after}. */
    static CycleReadAfter watch(ControlLoop loop, Instant after) {
        CycleReadAfter watch = new CycleReadAfter(after);
        loop.observe(watch);
        return watch;
    }

    @Override
    public void cycle(CycleSeen seen) {
        TransformerReading transformer = seen.transformer();
        CycleResult result = seen.result();
        if (this.result == null && transformer != null && !transformer.readAt().isBefore(after)
                && !Double.isNaN(result.baseKw())) {
            this.result = result;
        }
    }

    /** Whether such a cycle has run. */
    boolean seen() {
        return result != null;
    }

    /** That cycle's result; null before it ran. */
    CycleResult result() {
        return result;
    }
}
