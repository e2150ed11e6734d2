package org.orderly.gateway.upstream.message;

import java.time.Instant;
import java.util.List;

/**
 * The plan in force for the next 24 hours, by the planner's slots (15 minutes; the first ends at the next quarter
 * hour): the household load expected and the EV load planned, kW, mean over the slot.
 */
public record PlanBody(Instant createdAt, int slotMinutes, List<Slot> slots) implements Body {
    public PlanBody {
        slots = List.copyOf(slots);
    }

    public record Slot(Instant start, Instant end, double baseKw, double evKw) {
    }

    @Override
    public MessageKind messageKind() {
        return MessageKind.PLAN;
    }
}
