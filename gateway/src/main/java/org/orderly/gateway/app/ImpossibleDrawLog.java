package org.orderly.gateway.app;

import org.orderly.gateway.field.SaidAtWarn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the log says of pile meters reading more than their piles can draw ({@link ImpossibleDraw}), as a meter
 * failing is said ({@link SaidAtWarn}, as {@link org.orderly.gateway.field.MeterFailureLog} keeps to): one WARN when a
 * meter first reads so, not at every cycle that sees it again (a map of the wrong word order reads so at every poll);
 * again only once it has read a possible draw in between, which is said at INFO. A meter that falls silent or stale
 * meanwhile says nothing here: its poller says that. The control cycle's thread only.
 */
final class ImpossibleDrawLog {
    private static final Logger LOG = LoggerFactory.getLogger(ImpossibleDrawLog.class);

    /** By pile id, its meter's id, while the meter's impossible reading said at WARN lasts. */
    private final SaidAtWarn<String, String> said = new SaidAtWarn<>();

    /**
     * Pile {@code pileId}'s meter as a cycle sees it.
     *
     * @param impossible its fresh reading's total, where above what the pile can draw; null when not
     * @param fresh      whether it has a fresh reading at all: one that is not impossible reads a possible draw
     */
    void seen(String pileId, ImpossibleDraw impossible, boolean fresh) {
        if (impossible != null) {
            if (said.news(pileId, impossible.meterId())) {
                LOG.warn("{}", impossible.describe());
            }
        } else if (fresh) {
            String meterId = said.over(pileId);
            if (meterId != null) {
                LOG.info("pile {}: its meter {} reads a draw the pile can have again", pileId, meterId);
            }
        }
    }
}
