package org.orderly.gateway.app;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the log says of pile meters reading more than their piles can draw ({@link ImpossibleDraw}), as a meter
 * failing is said ({@link org.orderly.gateway.field.MeterFailureLog}): one WARN when a meter first reads so, not at
 * every cycle that sees it again (a map of the wrong word order reads so at every poll); again only once it has read a
 * possible draw in between, which is said at INFO. A meter that falls silent or stale meanwhile says nothing here: its
 * poller says that. The control cycle's thread only.
 */
final class ImpossibleDrawLog {
    private static final Logger LOG = LoggerFactory.getLogger(ImpossibleDrawLog.class);

    /** The impossible reading said at WARN, by the pile's place, until its meter reads a possible draw. */
    private final Map<Integer, ImpossibleDraw> said = new HashMap<>();

    /**
     * Pile {@code pile}'s meter as a cycle sees it.
     *
     * @param impossible its fresh reading's total, where above what the pile can draw; null when not
     * @param fresh      whether it has a fresh reading at all: one that is not impossible reads a possible draw
     */
    void seen(int pile, ImpossibleDraw impossible, boolean fresh) {
        if (impossible != null) {
            if (!said.containsKey(pile)) {
                LOG.warn("{}", impossible.describe());
                said.put(pile, impossible);
            }
        } else if (fresh && said.containsKey(pile)) {
            ImpossibleDraw was = said.remove(pile);
            LOG.info("pile {}: its meter {} reads a draw the pile can have again", was.pileId(), was.meterId());
        }
    }
}
