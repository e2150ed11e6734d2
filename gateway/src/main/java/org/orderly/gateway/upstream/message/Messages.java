package org.orderly.gateway.upstream.message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreEvent;

/** Bodies from what the gateway records: a plan's next 24 hours, an event, an ended session. */
public final class Messages {
    /** How far ahead the {@code plan} message reaches. */
    public static final Duration PLAN_HORIZON = Duration.ofHours(24);

    private Messages() {
    }

    public static PlanBody plan(Plan p) {
        long end = p.createdAt().plus(PLAN_HORIZON).getEpochSecond();
        List<PlanBody.Slot> slots = new ArrayList<>();
        for (int j = 0; j < p.slotCount() && p.slotStart(j) < end; j++) {
            slots.add(new PlanBody.Slot(Instant.ofEpochSecond(p.slotStart(j)), Instant.ofEpochSecond(p.slotEnd(j)),
                    p.baseKw(j), p.evKw(j)));
        }
        return new PlanBody(p.createdAt(), 15, slots);
    }

    public static EventBody event(StoreEvent e) {
        return new EventBody(e.kind(), e.subject(), e.message());
    }

    /**
     * A session's message. What its car took, when not known (its pile counts no energy), is said by
     * {@code deliveredKnown} false, beside the 0 a consumer from before that field reads as before (docs/upstream.md).
     */
    public static SessionBody session(SessionRecord s) {
        boolean known = !Double.isNaN(s.deliveredKWh());
        return new SessionBody(s.id(), s.pile(), s.arrival(), s.departure(), s.declaredDeparture(),
                Double.isNaN(s.declaredKWh()) ? null : s.declaredKWh(), known ? s.deliveredKWh() : 0, s.departureSeen(),
                known);
    }
}
