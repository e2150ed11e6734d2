package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.policy.Snapshot;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.view.Chart;
import org.orderly.gateway.web.view.ChartBuilder;
import org.orderly.gateway.web.view.Overview;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.PileRow;
import org.orderly.gateway.web.view.Today;

/**
 * A page update shows a pile's reason with the times of the plan that reason was decided with (a live gateway on
 * 127.0.0.1, real bridge and meter; the peak now, the valley in about two hours). The policy takes a new plan within a
 * control cycle, before the cycle's result is published: a page reading the two apart in that moment paired the last
 * cycle's "waiting for a lower price" with the new plan, which charges the car now, and showed it waiting for a lower
 * price from the next quarter hour, still in the peak. The moment is made to last here: the control thread is
 * stopped after a cycle, and the policy is asked as its next cycle would ask it, with a reservation that must be
 * charged before the valley.
 */
@Timeout(90)
class OverviewPlanOfReasonTest {
    @TempDir
    Path dir;

    @Test
    void aReasonIsShownWithTheTimesOfThePlanItWasDecidedWith() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            Gateway gateway = rig.live.gateway;
            OverviewBuilder page = page(gateway, Clock.systemUTC());
            WebRig.await("the car waiting for the valley", Duration.ofSeconds(20), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.reasons().get(0) == PileReason.WAITING_FOR_CHEAPER_PERIOD;
            });
            // The control thread ended: its last result stays published, and the policy is this thread's.
            gateway.loop().close();
            CycleResult last = gateway.loop().lastResult();
            assertThat(last.reasons().get(0)).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD);
            PileRow waiting = page.build().piles().get(0);
            assertThat(waiting.nextChargeAt()).as("the valley's first slot, as the cycle's plan has it").isNotNull();

            OrderlyPolicy policy = gateway.policy();
            Plan decidedWith = policy.plan();
            PluggedSession car = last.plugged().get(0);
            PluggedSession reserved = new PluggedSession(car.id(), car.pileIndex(), car.arrival(),
                    new Declaration(Instant.now().plus(Duration.ofHours(1)), 5), car.deliveredKWh(), car.lastDrawKw());
            Snapshot next = new Snapshot(Instant.now(), last.household(), List.of(reserved), last.caps(), last.reserved(),
                    List.of(), List.of(), HouseholdFigure.MEASURED, SilentOffers.NONE);
            // A plan asked before the control thread ended (the quarter hour's, say) may be solved and taken first: the
            // one awaited knows the reservation, and so charges the car before the valley.
            WebRig.await("a plan for the reservation, charging the car before the valley", Duration.ofSeconds(20), () -> {
                policy.decide(next);
                return policy.plan() != decidedWith
                        && firstSlotWithEnergy(policy.plan(), car.id()) < waiting.nextChargeAt() / 1000;
            });

            Overview overview = page.build();
            PileRow row = overview.piles().get(0);
            assertThat(row.reason()).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD.name());
            assertThat(row.nextChargeAt()).as("waiting for a lower price from when (epoch ms)")
                    .isEqualTo(waiting.nextChargeAt());
            assertThat(row.finishAt()).isEqualTo(waiting.finishAt());
            assertThat(overview.planAt()).isEqualTo(decidedWith.createdAt().toEpochMilli());
        }
    }

    /**
     * The chart beside those rows draws the same plan: the page fetches it when the overview's {@code planAt} changes.
     * Until 2026-12-03 it drew the plan in force, the new one charging the car now beside a row waiting for the
     * valley, until the next update's {@code planAt} made the page fetch it again.
     */
    @Test
    void theChartDrawsThePlanTheRowsWereDecidedWith() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            Gateway gateway = rig.live.gateway;
            WebRig.await("the car waiting for the valley", Duration.ofSeconds(20), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.reasons().get(0) == PileReason.WAITING_FOR_CHEAPER_PERIOD;
            });
            gateway.loop().close();
            CycleResult last = gateway.loop().lastResult();
            OrderlyPolicy policy = gateway.policy();
            Plan decidedWith = policy.plan();
            assertThat(last.plan()).isSameAs(decidedWith);
            PluggedSession car = last.plugged().get(0);
            PluggedSession reserved = new PluggedSession(car.id(), car.pileIndex(), car.arrival(),
                    new Declaration(Instant.now().plus(Duration.ofHours(1)), 5), car.deliveredKWh(), car.lastDrawKw());
            Snapshot next = new Snapshot(Instant.now(), last.household(), List.of(reserved), last.caps(), last.reserved(),
                    List.of(), List.of(), HouseholdFigure.MEASURED, SilentOffers.NONE);
            // As above: the plan awaited is the one that knows the reservation, not one asked before the thread ended.
            WebRig.await("a plan for the reservation, charging the car now", Duration.ofSeconds(20), () -> {
                policy.decide(next);
                return policy.plan() != decidedWith && evKwFrom(policy.plan(), Instant.now()) > 0;
            });

            Instant now = Instant.now();
            Chart chart = new ChartBuilder(gateway, Clock.fixed(now, ZoneOffset.UTC)).build();
            assertThat(chart.plan()).as("the chart's plan from now").isNotEmpty();
            assertThat(chart.plan().get(0).evKw()).as("the chart's EV load now, as the rows' plan has it")
                    .isEqualTo(evKwFrom(decidedWith, now));
        }
    }

    /**
     * Nor with a later slot than the one it was decided in: a page update just after a slot begins, before the next
     * cycle, showed the last cycle's "waiting for a lower price" from the slot after the one it waited for.
     */
    @Test
    void aReasonIsShownWithTheSlotItWasDecidedIn() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            Gateway gateway = rig.live.gateway;
            WebRig.await("the car waiting for the valley", Duration.ofSeconds(20), () -> {
                CycleResult last = gateway.loop().lastResult();
                return last != null && last.reasons().get(0) == PileReason.WAITING_FOR_CHEAPER_PERIOD;
            });
            gateway.loop().close();
            PileRow waiting = page(gateway, Clock.systemUTC()).build().piles().get(0);
            assertThat(waiting.nextChargeAt()).as("the valley's first slot").isNotNull();

            // A second into the valley's first slot, the cycle that would start the car not run yet.
            Clock inTheValley = Clock.fixed(Instant.ofEpochMilli(waiting.nextChargeAt()).plusSeconds(1), ZoneOffset.UTC);
            PileRow row = page(gateway, inTheValley).build().piles().get(0);
            assertThat(row.reason()).isEqualTo(PileReason.WAITING_FOR_CHEAPER_PERIOD.name());
            assertThat(row.nextChargeAt()).as("waiting for a lower price from when (epoch ms)")
                    .isEqualTo(waiting.nextChargeAt());
        }
    }

    private static OverviewBuilder page(Gateway gateway, Clock clock) {
        return new OverviewBuilder(gateway, clock, new AlarmBoard(gateway.store(), gateway.ticker()),
                () -> new Today(0, 0, 0, 0), Optional::empty);
    }

    /** The plan's EV load in the slot under way at {@code now}, or 0 past its slots. */
    private static double evKwFrom(Plan plan, Instant now) {
        for (int j = 0; j < plan.slotCount(); j++) {
            if (plan.slotEnd(j) * 1000 > now.toEpochMilli()) {
                return plan.evKw(j);
            }
        }
        return 0;
    }

    /** The start of the session's first slot with energy (epoch seconds), or none. */
    private static long firstSlotWithEnergy(Plan plan, String sessionId) {
        for (int j = 0; j < plan.slotCount(); j++) {
            if (plan.session(sessionId).kwhInSlot(j) > 1e-6) {
                return plan.slotStart(j);
            }
        }
        return Long.MAX_VALUE;
    }
}
