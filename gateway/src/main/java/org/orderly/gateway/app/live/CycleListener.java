package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreEvent;

/**
 * Hears what the recorder records (the upstream link reports it to the grid company). Every method is called on the
 * control thread and must only hand values over, never wait.
 */
public interface CycleListener {
    CycleListener NONE = new CycleListener() {
    };

    /** Every cycle: what the field showed and what was decided. */
    default void cycle(Instant now, TransformerReading transformer, List<PileObservation> piles, CycleResult result) {
    }

    /** An event the recorder stored (control.mode, plan.failure). */
    default void event(StoreEvent event) {
    }

    /** A session that has ended, as stored. */
    default void sessionEnded(SessionRecord session) {
    }

    /** A new plan has come into force. */
    default void plan(Plan plan) {
    }
}
