package org.orderly.gateway.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.upstream.message.Messages;
import org.orderly.gateway.upstream.message.PlanBody;

/**
 * The {@code plan} message's slots (docs/upstream.md, "plan"): the next 24 h from {@code createdAt} cut to the whole
 * second, the first slot cut short at the next quarter hour, the last the one holding the last second of those 24 h,
 * whole. Seen walking the contract: a plan made at 16:30:00.032 had 96 slots, the last ending at 16:30:00 the next day,
 * where the page said it ended with the slot holding {@code createdAt} + 24 h (16:30 to 16:45).
 */
class PlanMessageHorizonTest {
    private static final long QUARTER = 900;

    /** A plan as the planner makes it (48 h ahead, in quarter hours from {@code createdAt}'s second). */
    private static Plan plannedAt(Instant createdAt) {
        long now = createdAt.getEpochSecond();
        List<Long> b = new ArrayList<>(List.of(now));
        for (long t = Math.floorDiv(now, QUARTER) * QUARTER + QUARTER; t <= now + 48 * 3600; t += QUARTER) {
            b.add(t);
        }
        long[] bounds = b.stream().mapToLong(Long::longValue).toArray();
        int n = bounds.length - 1;
        return new Plan(createdAt, bounds, Map.of(), new double[n], new double[n], new double[n]);
    }

    @Test
    void aPlanMadeWithinAQuarterHourEndsWithTheSlotHoldingItsEnd() {
        PlanBody body = Messages.plan(plannedAt(Instant.parse("2026-12-04T16:28:42.038Z")));
        assertThat(body.slots()).hasSize(97);
        assertThat(body.slots().get(0).start()).isEqualTo(Instant.parse("2026-12-04T16:28:42Z"));
        assertThat(body.slots().get(96).start()).isEqualTo(Instant.parse("2026-12-05T16:15:00Z"));
        assertThat(body.slots().get(96).end()).isEqualTo(Instant.parse("2026-12-05T16:30:00Z"));
    }

    @Test
    void aPlanMadeOnAQuarterHourIs96WholeSlots() {
        PlanBody body = Messages.plan(plannedAt(Instant.parse("2026-12-04T16:30:00.032Z")));
        assertThat(body.slots()).hasSize(96);
        assertThat(body.slots().get(0).start()).isEqualTo(Instant.parse("2026-12-04T16:30:00Z"));
        assertThat(body.slots().get(95).end()).as("24 h after createdAt cut to the second")
                .isEqualTo(Instant.parse("2026-12-05T16:30:00Z"));
    }
}
