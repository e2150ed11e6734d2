package org.orderly.bridge.pile;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * What the log says of a pile's steps failing tick after tick: the first failure with its stack, and again whenever
 * the failure changes (another class or message); while the same one goes on, DEBUG only, counted; INFO with the
 * count when a step succeeds again. Before, every tick logged an ERROR with the whole stack.
 */
final class StepFailures {
    private final String pileId;
    private final Logger log;
    private String failing; // the failure going on, or null
    private long failedSteps;

    StepFailures(String pileId, Logger log) {
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.log = Objects.requireNonNull(log, "log");
    }

    synchronized void failed(RuntimeException e) {
        String now = e.toString();
        if (failing == null) {
            log.error("pile {}: step failed: {}", pileId, now, e);
        } else if (!failing.equals(now)) {
            log.error("pile {}: step failed differently after {} failed steps: {}", pileId, failedSteps, now, e);
        } else {
            log.debug("pile {}: step failed again ({} in a row): {}", pileId, failedSteps + 1, now);
        }
        failing = now;
        failedSteps++;
    }

    synchronized void succeeded() {
        if (failing == null) {
            return;
        }
        log.info("pile {}: steps succeed again after {} failed", pileId, failedSteps);
        failing = null;
        failedSteps = 0;
    }
}
