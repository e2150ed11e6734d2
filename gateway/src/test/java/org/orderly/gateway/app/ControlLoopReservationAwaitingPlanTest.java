package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.plan.Planner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;

/**
 * A reservation saved for a car awaits a plan made after it (the page's "re-planning") until the policy takes one up
 * that was asked after the cycle that applied it, counted in plans asked, for that car alone. Until 2026-12-07 (a few
 * hours of it) it was kept per pile and judged by the instants of the clock: a clock set back marked a planned
 * reservation again, for as long as the step, and gave a car plugged in since the one before's; one saved unchanged
 * waited for the re-plan period; with the clock not set, or after the plan asked with it failed, it said re-planning
 * though no plan was coming (read59b's probes). Planning runs within the cycle here, as in a simulation.
 */
class ControlLoopReservationAwaitingPlanTest {
    private static final Instant T = Instant.parse("2026-12-07T17:00:00Z");
    @TempDir
    Path dir;
    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final VirtualClock clock = new VirtualClock(T, ZoneOffset.UTC);
    private final TestTicker ticker = new TestTicker();
    private final LatestReadings readings = new LatestReadings();
    private final PluggedTestPile pile = new PluggedTestPile("P1", clock, ticker);
    private final GreedyPlanner greedy = new GreedyPlanner();
    private boolean plannerFails;
    private Store store;
    private ControlLoop loop;

    @AfterEach
    void stop() {
        LoopBuilder.close(loop, store);
    }

    @Test
    void aClockSetBackMarksNoPlannedReservationAgain() {
        start(ClockFloor.NONE);
        seconds(3);
        loop.declare(0, new Declaration(clock.instant().plus(Duration.ofHours(5)), 20));
        seconds(1);
        assertThat(awaiting()).as("planned at the cycle that applied it").isEmpty();

        clock.set(clock.instant().minus(Duration.ofHours(2)));  // NTP steps the set clock back
        for (int s = 1; s <= 60; s++) {
            seconds(1);
            assertThat(awaiting()).as(s + " s after the step back").isEmpty();
        }
    }

    @Test
    void aCarPluggedInSinceIsNotGivenTheReservationOfTheOneBefore() {
        start(ClockFloor.NONE);
        seconds(3);
        loop.declare(0, new Declaration(clock.instant().plus(Duration.ofHours(5)), 20));
        seconds(3);
        String carA = session();
        pile.plugged = false;
        seconds(5);
        pile.plugged = true;
        pile.pluggedFor = Duration.ofSeconds(1);
        seconds(60);
        assertThat(session()).as("another car's session").isNotEqualTo(carA);
        clock.set(clock.instant().minus(Duration.ofMinutes(30)));
        for (int s = 1; s <= 60; s++) {
            seconds(1);
            assertThat(awaiting()).as("car B, " + s + " s after a step back").isEmpty();
        }
    }

    @Test
    void aReservationSavedUnchangedEndsWithTheNextPlan() {
        start(ClockFloor.NONE);
        seconds(120);
        Declaration d = new Declaration(clock.instant().plus(Duration.ofHours(3)), 20);
        loop.declare(0, d);
        seconds(1);
        assertThat(awaiting()).isEmpty();

        loop.declare(0, d);
        seconds(1);
        assertThat(awaiting()).as("the same reservation saved again, a cycle later").isEmpty();
    }

    @Test
    void whileTheClockIsNotSetTheReservationIsShownWithoutReplanning() {
        Instant floor = T.plus(Duration.ofDays(30));
        start(new ClockFloor(floor, "test floor"));
        seconds(3);
        Declaration d = new Declaration(clock.instant().plus(Duration.ofHours(5)), 20);
        loop.declare(0, d);
        for (int s = 1; s <= 30; s++) {
            seconds(1);
            assertThat(awaiting()).as("the saved reservation, not a plan's figures").map(a -> a.declared())
                    .contains(d);
            assertThat(replanning()).as("no plan is made while the clock is not set, " + s + " s").isFalse();
        }
        clock.set(floor.plus(Duration.ofHours(1)));  // NTP sets it
        seconds(2);
        assertThat(awaiting()).as("a plan made once the clock was set").isEmpty();
    }

    @Test
    void afterThePlanAskedWithItFailedNoReplanningIsSaid() {
        start(ClockFloor.NONE);
        seconds(3);
        plannerFails = true;
        Declaration d = new Declaration(clock.instant().plus(Duration.ofHours(5)), 20);
        loop.declare(0, d);
        seconds(1);
        assertThat(awaiting()).as("no plan knows it").map(a -> a.declared()).contains(d);
        assertThat(replanning()).as("none is coming until the re-plan period").isFalse();

        plannerFails = false;
        seconds(15 * 60);
        assertThat(awaiting()).as("the next plan, at the re-plan period, knows it").isEmpty();
    }

    private void start(ClockFloor floor) {
        Planner planner = problem -> {
            if (plannerFails) {
                throw new IllegalStateException("test: the planner fails");
            }
            return greedy.solve(problem);
        };
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8), planner,
                Runnable::run);
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), clock);
        loop = LoopBuilder.loop(compound, store, clock, List.of(pile)).policy(policy).ticker(ticker).readings(readings)
                .clockFloor(floor).build();
    }

    /** {@code n} cycles a second apart, each with a fresh transformer reading. */
    private void seconds(int n) {
        for (int i = 0; i < n; i++) {
            clock.advanceSeconds(1);
            ticker.advance(Duration.ofSeconds(1));
            pile.pluggedFor = pile.pluggedFor.plusSeconds(1);
            readings.publish(new Reading("tx", Map.of(FieldView.TOTAL_POWER, 20.0), clock.instant(), ticker.now()));
            loop.runCycle();
        }
    }

    private String session() {
        return loop.lastResult().plugged().get(0).id();
    }

    /** What the page reads for the car on the pile: taken before the cycle, as the page takes it. */
    private Optional<ReservationsAwaitingPlan.Awaiting> awaiting() {
        return loop.reservationsAwaitingPlan().now().of(0, session());
    }

    private boolean replanning() {
        return awaiting().map(a -> a.replanning(loop.lastResult())).orElse(false);
    }
}
