package org.orderly.gateway.app;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's pile drivers, closed once: by the control loop's stop, so that the piles are let go of before the
 * slower parts stop (the upstream link's waits), or as their own part, by a stop during start-up that came before the
 * loop started. A driver's close stops its lease renewals: the pile keeps its last limit until its lease lapses.
 */
final class PileDriversOnce implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PileDriversOnce.class);

    private final List<PileDriver> drivers;
    private final AtomicBoolean closed = new AtomicBoolean();

    PileDriversOnce(List<PileDriver> drivers) {
        this.drivers = drivers;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            drivers.forEach(PileDriver::close);
            // Said here, not only by each driver: a CoAP driver's own lines are WARN and above in orderly run's log.
            LOG.info("{} let go of: no lease is renewed any more; each pile keeps its last limit until its lease lapses",
                    Count.of(drivers.size(), "pile"));
        }
    }
}
