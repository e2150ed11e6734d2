package org.orderly.gateway.web;

import java.util.Optional;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.web.view.Overview;

/**
 * The control mode an overview shows, read by {@code /metrics} and {@code /healthz} alike: what the last control cycle
 * before the overview was built decided in, so that a scrape and a health check of one overview agree.
 */
final class ShownMode {
    private ShownMode() {
    }

    /** Empty before the first cycle (the overview's {@code STARTING}). */
    static Optional<ControlMode> of(Overview o) {
        for (ControlMode m : ControlMode.values()) {
            if (m.name().equals(o.mode())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
