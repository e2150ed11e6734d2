package org.orderly.gateway.field.pile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Modbus pile's map has a watchdog register, said once as its driver starts: without one the pile keeps its
 * last limit once the gateway stops. A line for the running gateway's log, under this class's logger: a commissioning
 * command (pile get, pile set, selftest) quiets it, for it concerns no command, and says it in its own words where it
 * matters (pile set's "with no lease", selftest's row of a pile that keeps its last limit).
 */
public final class WatchdogCheck {
    private static final Logger LOG = LoggerFactory.getLogger(WatchdogCheck.class);

    private WatchdogCheck() {
    }

    /** A WARN when the map of {@code config} has no watchdog register. */
    static void atStart(ModbusPileConfig config) {
        if (config.map().watchdog().isEmpty()) {
            LOG.warn("pile {}: map '{}' has no watchdog register: if the gateway stops, the pile keeps its last limit",
                    config.pileId(), config.map().model());
        }
    }
}
