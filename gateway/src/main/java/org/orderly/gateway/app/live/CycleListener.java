package org.orderly.gateway.app.live;

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

    /** Every cycle: what the field showed and what was decided, the one value the control loop made of it. */
    default void cycle(CycleSeen seen) {
    }

    /** An event the recorder stored (control.mode, plan.failure). */
    default void event(StoreEvent event) {
    }

    /** A new plan has come into force. */
    default void plan(Plan plan) {
    }
}
