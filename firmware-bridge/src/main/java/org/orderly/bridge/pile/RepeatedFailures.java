package org.orderly.bridge.pile;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * What the log says of something a pile does again and again (a step every tick, a contactor check every 20 ms) failing
 * time after time: the first failure with its stack, and again whenever the failure changes (another class or message);
 * while the same one goes on, DEBUG only, counted; INFO with the count when it succeeds again. Without it a failure
 * that lasts logged an ERROR with the whole stack at every try.
 */
public final class RepeatedFailures {
    private final Logger log;
    private final String pileId;
    private final String what;
    private String failing; // the failure going on, or null
    private long failures;

    /**
     * @param log  the logger of the class that tries
     * @param what what is tried, singular, e.g. {@code step} or {@code contactor check}: the log says "pile P1: step
     *             failed", "pile P1: steps succeed again after 3 failed"
     */
    public RepeatedFailures(Logger log, String pileId, String what) {
        this.log = Objects.requireNonNull(log, "log");
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** One try failed with {@code e}. */
    public synchronized void failed(RuntimeException e) {
        String now = e.toString();
        if (failing == null) {
            log.error("pile {}: {} failed: {}", pileId, what, now, e);
        } else if (!failing.equals(now)) {
            log.error("pile {}: {} failed differently after {} failed {}s: {}", pileId, what, failures, what, now, e);
        } else {
            log.debug("pile {}: {} failed again ({} in a row): {}", pileId, what, failures + 1, now);
        }
        failing = now;
        failures++;
    }

    /** One try succeeded. */
    public synchronized void succeeded() {
        if (failing == null) {
            return;
        }
        log.info("pile {}: {}s succeed again after {} failed", pileId, what, failures);
        failing = null;
        failures = 0;
    }
}
