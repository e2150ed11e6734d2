package org.orderly.gateway.field.pile;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a pile's failures to its listener and the log: WARN when the pile starts failing or fails in a
 * new way, DEBUG while it keeps failing the same way, INFO when it answers again. A listener that throws
 * is logged, never propagated. The WARN gives the failure in its own words unless the driver words it (a Modbus pile's
 * serial port that will not open says what to check), and is left out, DEBUG instead, for a failure that something
 * else has said.
 */
final class FailureReporter {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReporter.class);

    private final String pileId;
    private final PileListener listener;
    private final Clock clock;
    private final Function<PileFailure, String> warning;
    private final Predicate<PileFailure> saidElsewhere;
    private PileFailureKind failing; // guarded by this

    FailureReporter(String pileId, PileListener listener, Clock clock) {
        this(pileId, listener, clock, PileFailure::toString);
    }

    /** @param warning what the WARN says when the pile starts failing, or fails in a new way */
    FailureReporter(String pileId, PileListener listener, Clock clock, Function<PileFailure, String> warning) {
        this(pileId, listener, clock, warning, failure -> false);
    }

    /**
     * @param saidElsewhere a failure that something else has said in the log already (a serial bus's shut port, which
     *                      its poller says once for every meter and pile on it): DEBUG here, never a WARN
     */
    FailureReporter(String pileId, PileListener listener, Clock clock, Function<PileFailure, String> warning,
                    Predicate<PileFailure> saidElsewhere) {
        this.pileId = pileId;
        this.listener = listener;
        this.clock = clock;
        this.warning = warning;
        this.saidElsewhere = saidElsewhere;
    }

    void failed(String operation, PileIoException e) {
        report(new PileFailure(pileId, operation, e.kind(), e.getMessage(), clock.instant(), Optional.ofNullable(e.getCause())));
    }

    void report(PileFailure failure) {
        boolean changed;
        synchronized (this) {
            changed = failing != failure.kind();
            failing = failure.kind();
        }
        if (changed && saidElsewhere.test(failure)) {
            LOG.debug("{} (said by its bus)", failure);
        } else if (changed) {
            LOG.warn("{}", warning.apply(failure));
            failure.cause().ifPresent(cause -> LOG.debug("pile {}: cause", pileId, cause));
        } else {
            LOG.debug("{} (still)", failure);
        }
        try {
            listener.failed(failure);
        } catch (RuntimeException bug) {
            LOG.error("pile {}: failure listener threw", pileId, bug);
        }
    }

    void succeeded() {
        PileFailureKind was;
        synchronized (this) {
            was = failing;
            failing = null;
        }
        if (was != null) {
            LOG.info("pile {}: answers again (after {})", pileId, was);
            try {
                listener.recovered(pileId);
            } catch (RuntimeException bug) {
                LOG.error("pile {}: failure listener threw", pileId, bug);
            }
        }
    }
}
