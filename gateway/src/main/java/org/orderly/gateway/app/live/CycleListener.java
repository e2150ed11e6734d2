package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.store.StoreEvent;

/**
 * Hears what the recorder records (the upstream link reports it to the grid company). Every method is called on the
 * control thread and must only hand values over, never wait. Ended sessions are not handed over: the upstream's outbox
 * makes their messages from the committed {@code sessions} rows.
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

    /** A new plan has come into force. */
    default void plan(Plan plan) {
    }
}
