package org.orderly.gateway.app;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.ClockStep;

/**
 * Per pile, the last reservation saved for its car (a resident's {@link Declaration}, from the page) until a plan made
 * after it: the control loop applies it at its next cycle, and the policy asks for a plan then, solved apart, while a
 * plan being solved when it came is taken up first, without it. Until a plan asked at or after the cycle that applied
 * it is the one the page reads, that plan's figures for the car (its finish, its shortfall, its next slot) are of the
 * declaration before: the page says the saved reservation, "re-planning", instead (docs/web.md, "Reservations"). Until
 * 2026-12-07 the page showed the plan before it for a round or two of planning (WebPageReplanningBrowserTest).
 *
 * <p>Written by the web's thread (saved) and the control thread (applied, ignored, the clock's step); read by the page.
 */
public final class ReservationsAwaitingPlan {
    /**
     * A reservation saved for a pile: {@code appliedAt} the instant the control thread applied it, before that cycle's
     * own instant (null while it waits in the control thread's queue).
     */
    public record Awaiting(Declaration declared, Instant appliedAt) {
        /**
         * Whether {@code plan} was asked at or after the cycle that applied it, so knows it: a plan's
         * {@link Plan#createdAt} is the instant of the cycle that asked it.
         */
        public boolean plannedBy(Plan plan) {
            return appliedAt != null && plan != null && !plan.createdAt().isBefore(appliedAt);
        }
    }

    private final AtomicReferenceArray<Awaiting> byPile;

    ReservationsAwaitingPlan(int piles) {
        this.byPile = new AtomicReferenceArray<>(piles);
    }

    /** A reservation for pile {@code pileIndex}'s car was saved: the control loop applies it at its next cycle. */
    void saved(int pileIndex, Declaration declared) {
        byPile.set(pileIndex, new Awaiting(declared, null));
    }

    /** The control thread applied {@code declared} at {@code at}: a later one saved meanwhile stands. */
    void applied(int pileIndex, Declaration declared, Instant at) {
        byPile.updateAndGet(pileIndex, a -> a != null && a.appliedAt() == null && a.declared().equals(declared)
                ? new Awaiting(declared, at) : a);
    }

    /** {@code declared} was not applied (no car plugged in): it awaits no plan. */
    void ignored(int pileIndex, Declaration declared) {
        byPile.updateAndGet(pileIndex, a -> a != null && a.declared().equals(declared) ? null : a);
    }

    /** The clock was set by {@code step}: an instant of before it is moved as the plans' and sessions' are. */
    void restamp(ClockStep step) {
        for (int i = 0; i < byPile.length(); i++) {
            byPile.updateAndGet(i, a -> a == null || a.appliedAt() == null ? a
                    : new Awaiting(a.declared(), step.correct(a.appliedAt())));
        }
    }

    /** The reservation saved for pile {@code pileIndex}'s car that {@code plan} was made without, if any. */
    public Optional<Awaiting> notIn(int pileIndex, Plan plan) {
        Awaiting a = byPile.get(pileIndex);
        return a == null || a.plannedBy(plan) ? Optional.empty() : Optional.of(a);
    }
}
