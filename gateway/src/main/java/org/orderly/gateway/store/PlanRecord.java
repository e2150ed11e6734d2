package org.orderly.gateway.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.plan.Plan;

/** A plan as stored: when it was made and its slots. {@code id} is 0 until the store assigned one. */
public record PlanRecord(long id, Instant createdAt, List<PlanSlot> slots) {
    public PlanRecord {
        slots = List.copyOf(slots);
    }

    public static PlanRecord of(Plan plan) {
        List<PlanSlot> slots = new ArrayList<>(plan.slotCount());
        for (int j = 0; j < plan.slotCount(); j++) {
            slots.add(new PlanSlot(Instant.ofEpochSecond(plan.slotStart(j)), Instant.ofEpochSecond(plan.slotEnd(j)),
                    plan.baseKw(j), plan.evKw(j)));
        }
        return new PlanRecord(0, plan.createdAt(), slots);
    }
}
