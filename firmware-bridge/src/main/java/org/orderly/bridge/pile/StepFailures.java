package org.orderly.bridge.pile;

import org.slf4j.Logger;

/** What the log says of a pile's failing steps. */
final class StepFailures {
    private final String pileId;
    private final Logger log;

    StepFailures(String pileId, Logger log) {
        this.pileId = pileId;
        this.log = log;
    }

    void failed(RuntimeException e) {
        log.error("pile {}: step failed", pileId, e);
    }

    void succeeded() {
    }
}
