package org.orderly.gateway.app;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.orderly.gateway.field.SaidAtWarn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the log says of piles whose reports the field view cannot place (a duration reaching before any instant), as
 * other repeated troubles are said ({@link SaidAtWarn}): at ERROR when first seen or when the cause changes, not at
 * every cycle that sees the same report again; its end once, at INFO, when a report of the pile is placed again. Written
 * by the control cycle's thread only; which piles' reports cannot be placed now is read by the page too
 * ({@link #standing}).
 */
final class UnplaceableReportLog {
    private static final Logger LOG = LoggerFactory.getLogger(UnplaceableReportLog.class);

    /** By pile id, the cause said, while it lasts. */
    private final SaidAtWarn<String, String> said = new SaidAtWarn<>();
    /** The piles whose last report could not be placed, by id: the page's line for each (docs/web.md). */
    private final Set<String> standing = ConcurrentHashMap.newKeySet();

    /** Pile {@code pileId}'s report could not be placed: {@code cause} is why. */
    void refused(String pileId, RuntimeException cause) {
        standing.add(pileId);
        if (said.news(pileId, cause.toString())) {
            LOG.error("pile {}: its report cannot be placed ({}); it is taken as not heard, its last placed report"
                    + " standing until it is offline, while the other piles are controlled", pileId, cause.toString(), cause);
        }
    }

    /** A report of pile {@code pileId} was placed. */
    void placed(String pileId) {
        standing.remove(pileId);
        String cause = said.over(pileId);
        if (cause != null) {
            LOG.info("pile {}: its report is placed again (it could not be: {})", pileId, cause);
        }
    }

    /** Whether pile {@code pileId}'s last report could not be placed (until one is): any thread. */
    boolean standing(String pileId) {
        return standing.contains(pileId);
    }
}
