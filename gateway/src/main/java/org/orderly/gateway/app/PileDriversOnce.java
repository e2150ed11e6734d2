package org.orderly.gateway.app;

import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileDriverCloses;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's pile drivers, each kept as it starts and closed once: by the control loop's stop, so that the piles are
 * let go of before the slower parts stop (the upstream link's waits), or as their own part, by a stop during start-up
 * that came before the loop started or a later part that failed. A driver's close stops its lease renewals: the pile
 * keeps its last limit until its lease lapses.
 *
 * <p>Kept from the first driver on, not once all have started: a stop during start-up that does not wait for the
 * drivers still starting (a pile's key file or bridge name slow to come) closes those started, whose threads and
 * leases would otherwise run on until the last had started, and for ever if that start then failed with an
 * {@link Error} (until 2026-12-06 an upgrade of the Kura bundle during the drivers' start left the first pile's driver
 * running: the old revision could no longer load the next driver's classes).
 */
final class PileDriversOnce implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PileDriversOnce.class);

    private final String scope;
    private final List<PileDriver> drivers = new ArrayList<>();
    private boolean closed;

    /** @param scope what a driver refused after the close is said to be refused by, as {@link Startup.Stopped} says */
    PileDriversOnce(String scope) {
        this.scope = scope;
    }

    /**
     * Keeps {@code driver}, just started; once closed, closes it at once instead.
     *
     * @throws Startup.Stopped when closed: no further driver is to be started
     */
    void add(PileDriver driver) {
        synchronized (drivers) {
            if (!closed) {
                drivers.add(driver);
                return;
            }
        }
        driver.close();
        LOG.warn("{}: pile {}'s driver finished starting after the drivers were closed; closed it", scope,
                driver.pileId());
        throw new Startup.Stopped(scope, "the rest of the pile drivers");
    }

    /** The drivers kept, in the order they started. */
    List<PileDriver> drivers() {
        synchronized (drivers) {
            return List.copyOf(drivers);
        }
    }

    @Override
    public void close() {
        List<PileDriver> toClose;
        synchronized (drivers) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(drivers);
        }
        // Together, their threads waited for at once (until 2026-12-06 2 s each in turn); each closed even when one
        // fails: the first failure is thrown (its closer logs it), the others with it.
        try {
            PileDriverCloses.closeAll(toClose);
        } finally {
            // Said here, not only by each driver: a CoAP driver's own lines are WARN and above in orderly run's log.
            LOG.info("{} let go of: no lease is renewed any more; each pile keeps its last limit until its lease lapses",
                    Count.of(toClose.size(), "pile"));
        }
    }
}
