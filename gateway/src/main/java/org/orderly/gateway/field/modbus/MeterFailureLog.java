package org.orderly.gateway.field.modbus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a bus's log says of its meters failing. A failed poll between good ones is ordinary on a field bus (a CRC error
 * or a frame lost to noise that no retry had room for): DEBUG, the meter read again next cycle. A meter whose polls
 * have failed {@link #WARN_AFTER} in a row is said once at WARN, with its last failure; again only when it fails
 * another way; and INFO once a poll of it is answered whole after that. Each failure still goes to the poller's
 * listener, counted as before; a stale transformer reading is the control's to say (conservative mode). A failure
 * while the bus's serial port is shut is the port's, said by the bus: DEBUG here, and the meter's INFO follows when it
 * answers. The poller's thread only.
 */
final class MeterFailureLog {
    private static final Logger LOG = LoggerFactory.getLogger(BusPoller.class);
    /** Polls in a row that failed before a meter is said to fail: a cycle or two lost is no meter to see to. */
    static final int WARN_AFTER = 3;

    private final String bus;
    private final Map<String, Integer> failedInARow = new HashMap<>();
    /** How each meter's failing was last said (WARN, or the port's WARN), until it answers whole. */
    private final Map<String, FailureKind> said = new HashMap<>();
    /** Meters with a failed block in the poll under way: a poll is counted once, however many blocks fail. */
    private final Set<String> failedThisPoll = new HashSet<>();

    MeterFailureLog(String bus) {
        this.bus = bus;
    }

    /** A poll of {@code meter} begins. */
    void pollBegan(Meter meter) {
        failedThisPoll.remove(meter.id());
    }

    /** {@code block} of {@code meter} failed as {@code failure} says; {@code portShut}: while the bus's port is shut. */
    void failed(Meter meter, ReadBlock block, PollFailure failure, boolean portShut) {
        int inARow = failedThisPoll.add(meter.id())
                ? failedInARow.merge(meter.id(), 1, Integer::sum)
                : failedInARow.getOrDefault(meter.id(), 1);
        FailureKind kind = failure.kind();
        if (portShut) {
            said.put(meter.id(), kind);
            LOG.debug("bus {}: meter {} (unit {}) not read: the port is shut (said above): {}", bus, meter.id(),
                    meter.unitId(), failure.message());
        } else if (inARow >= WARN_AFTER && said.get(meter.id()) != kind) {
            said.put(meter.id(), kind);
            LOG.warn("bus {}: meter {} (unit {}) {} failed after {} attempt(s): {}; its last {} polls all failed", bus,
                    meter.id(), meter.unitId(), block, failure.attempts(), failure.message(), inARow);
        } else {
            LOG.debug("bus {}: meter {} (unit {}) {} failed after {} attempt(s): {} ({} poll(s) in a row)", bus,
                    meter.id(), meter.unitId(), block, failure.attempts(), failure.message(), inARow);
        }
    }

    /** A poll of {@code meter} had every block answered. */
    void answeredWhole(Meter meter) {
        Integer inARow = failedInARow.remove(meter.id());
        FailureKind was = said.remove(meter.id());
        if (was != null) {
            LOG.info("bus {}: meter {} (unit {}) answering again after {}", bus, meter.id(), meter.unitId(), was);
        } else if (inARow != null) {
            LOG.debug("bus {}: meter {} (unit {}) answering again after {} failed poll(s)", bus, meter.id(),
                    meter.unitId(), inARow);
        }
    }
}
