package org.orderly.gateway.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.session.PastSession;

/** Decides every pile's current once per control cycle. */
public sealed interface ChargingPolicy permits OrderlyPolicy, UncontrolledPolicy, EqualSharePolicy {

    /** Amperes per pile index for this cycle: 0, or within the pile's [min, max]. */
    Allocation decide(Snapshot snapshot);

    /** A session that ended before the policy started (the gateway's database remembers it). */
    default void remember(PastSession past) {
    }

    String name();

    /**
     * Why each pile (by index) got what it got in the last {@link #decide}; empty when the policy does not
     * explain itself. Call on the thread that calls {@code decide}.
     */
    default List<PileReason> reasons() {
        return List.of();
    }

    /**
     * What the cycle finally allowed after {@link #decide} (or after {@link #plannedNow}: what each car was offered in
     * a cycle without the live room): less than decided where a car still following a lower
     * offer holds the room a pile would rise into ({@link org.orderly.gateway.core.limit.FollowHold}, live only), with
     * the node that holds it. A policy that keeps what it offered (to judge what the cars draw) or explains itself
     * takes it from here. Call on the thread that calls {@code decide}, right after it.
     */
    default void allowed(Allocation allocation) {
    }

    /**
     * After {@link #decide}: per pile (by index) whose car it would offer nothing now however much room there were, 0:
     * a car it stopped less than its settle time ago, or found full. Empty for a policy that would offer every car
     * its pile's maximum. Call on the thread that calls {@code decide}.
     */
    default Map<Integer, Double> mostNowA() {
        return Map.of();
    }

    /**
     * For a cycle that does not know the live room and does not ask {@link #decide} (conservative mode: the transformer
     * reading is stale, flows back or lacks a line), what the plan in force asks of each plugged session now. A session
     * it has no plan for now is left out, or asks nothing while it waits a few cycles for its plan (with the reason
     * {@link PileReason#NONE}: the cycle's own stands). The policy sees arrivals, departures and caps as {@code decide} does, and
     * plans on without the live reading (from its forecast, with {@code snapshot.safe()} for the room now), but
     * learns nothing of the household load. The cycle then tells it what it allowed ({@link #allowed}): a car that
     * stopped waits its settle time, but its next {@code decide} does not judge a car's draw by them. Empty for a
     * policy without plans. Call on the thread that calls {@code decide}.
     */
    default List<PlannedNow> plannedNow(SnapshotWithoutReading snapshot) {
        return List.of();
    }

    /**
     * The plan in force, which the last {@link #reasons} were decided with; empty for a policy that makes none (a
     * baseline) and before the first plan. Call on the thread that calls {@code decide}.
     */
    default Optional<Plan> planInForce() {
        return Optional.empty();
    }

    /**
     * How long a car may take to follow a lower offer, during which the room it may still draw is held
     * ({@link org.orderly.gateway.core.limit.FollowHold}); zero for a baseline policy, which only simulations run, in
     * steps long enough for any car to follow.
     */
    default Duration follow() {
        return Duration.ZERO;
    }

    /**
     * The installer limits a pile to {@code maxA} (0 pauses it, infinity lifts the limit); only the live policy
     * supports it.
     */
    default void limitPile(int pileIndex, double maxA) {
        throw new UnsupportedOperationException(name() + " policy does not take per-pile limits");
    }

    /**
     * A declaration was recorded for the session on pile {@code pileIndex} (a resident's reservation): the policy plans
     * again at its next cycle whatever it says, one saved unchanged too, so that what waits for a plan made after it (the
     * page's re-planning mark) ends with the next plan taken up. Nothing for a policy that makes no plans. Call on the
     * thread that calls {@code decide}.
     */
    default void declared(int pileIndex) {
    }

    /** Its plans counted as asked for ({@link PlanAsks}); {@link PlanAsks#NONE} for a policy that makes none. */
    default PlanAsks planAsks() {
        return PlanAsks.NONE;
    }

    /** The total limit in force at {@code t}: the transformer's, or a lower active grid cap. */
    static double limitAt(Compound compound, Iterable<GridCap> caps, Instant t) {
        double limit = compound.transformer().limitKw();
        for (GridCap cap : caps) {
            if (cap.activeAt(t)) {
                limit = Math.min(limit, cap.limitKw());
            }
        }
        return limit;
    }

    /**
     * The total limit whatever the caps' windows say: the transformer's, or the lowest cap. What is kept to while the
     * clock is not set, which cannot judge a window.
     */
    static double lowestLimit(Compound compound, Iterable<GridCap> caps) {
        double limit = compound.transformer().limitKw();
        for (GridCap cap : caps) {
            limit = Math.min(limit, cap.limitKw());
        }
        return limit;
    }
}
