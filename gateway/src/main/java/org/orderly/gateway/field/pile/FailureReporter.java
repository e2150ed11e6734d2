package org.orderly.gateway.field.pile;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>Its statuses and its limits are each kept apart ({@link Exchange}): a limit the pile takes does not say that its
 * statuses are read again, nor the other way round. Until 2026-12-06 one success of either cleared the other's failure,
 * so a bridge that took every limit and sent only statuses the gateway refuses (a draw above the pile's rating) logged
 * an INFO {@code answers again} at each lease renewal and a new WARN at the next status. A failure of a kind the other
 * exchange is failing with already (a dead bridge's timeouts) is said once; the pile answers again once neither fails.
 * An exchange no longer tried ({@link #stoppedTrying}: limits withheld, or the lease let lapse) is failing with nothing:
 * a limit failure left standing after the last sending would have kept every later status outage of its kind at DEBUG
 * and the pile from ever answering again.
 */
final class FailureReporter {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReporter.class);

    private final String pileId;
    private final PileListener listener;
    private final Clock clock;
    private final Function<PileFailure, String> warning;
    private final Predicate<PileFailure> saidElsewhere;
    /** What each exchange with the pile is failing with now; one not failing is absent. Guarded by this. */
    private final Map<Exchange, PileFailureKind> failing = new EnumMap<>(Exchange.class);

    /** What a failure, or an answer, is of: each is said failing, and answering again, apart from the other. */
    enum Exchange {
        /** Reading the pile's status (a CoAP notification or GET, a Modbus pile's registers). */
        STATUS,
        /** Sending the pile a limit. */
        LIMIT
    }

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

    void failed(Exchange exchange, String operation, PileIoException e) {
        report(exchange, failure(operation, e), true);
    }

    /**
     * A failure of an exchange no longer tried once it ended (limits withheld while the sending that failed was under
     * way): said and given to the listener as any other, and forgotten as {@link #stoppedTrying} forgets one, in one step.
     * Until 2026-12-07 it was reported and then forgotten: a status failure of its kind reported between the two was
     * taken as said by it, at DEBUG, and so were the rest of that status outage ({@code LeaseKeeperTest}).
     */
    void failedNoLongerTried(Exchange exchange, String operation, PileIoException e) {
        report(exchange, failure(operation, e), false);
    }

    private PileFailure failure(String operation, PileIoException e) {
        return new PileFailure(pileId, operation, e.kind(), e.getMessage(), clock.instant(), Optional.ofNullable(e.getCause()));
    }

    /** @param stands whether the exchange is failing with it from now on, or is no longer tried */
    private void report(Exchange exchange, PileFailure failure, boolean stands) {
        boolean changed;
        synchronized (this) {
            // New: not what this exchange failed with last, nor what the other is failing with (said when it began).
            changed = failing.get(exchange) != failure.kind() && !failing.containsValue(failure.kind());
            if (stands) {
                failing.put(exchange, failure.kind());
            } else {
                failing.remove(exchange);
            }
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

    /**
     * Nothing more is tried on {@code exchange} for now (the lease keeper stops sending limits): its failure, if any, is
     * forgotten without an answer being said, since none came.
     */
    void stoppedTrying(Exchange exchange) {
        PileFailureKind was;
        synchronized (this) {
            was = failing.remove(exchange);
        }
        if (was != null) {
            LOG.debug("pile {}: its {} no longer tried (after {})", pileId, exchange.name().toLowerCase(Locale.ROOT), was);
        }
    }

    /** The pile answered {@code exchange}: said once neither its statuses nor its limits fail. */
    void succeeded(Exchange exchange) {
        PileFailureKind was;
        Map<Exchange, PileFailureKind> still;
        synchronized (this) {
            was = failing.remove(exchange);
            still = Map.copyOf(failing);
        }
        if (was != null && !still.isEmpty()) {
            LOG.debug("pile {}: its {} answered again (after {}); still failing: {}", pileId,
                    exchange.name().toLowerCase(Locale.ROOT), was, still);
        } else if (was != null) {
            LOG.info("pile {}: answers again (after {})", pileId, was);
            try {
                listener.recovered(pileId);
            } catch (RuntimeException bug) {
                LOG.error("pile {}: failure listener threw", pileId, bug);
            }
        }
    }
}
