package org.orderly.gateway.app;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.policy.PlanAsks;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.ClockStep;

/**
 * The reservations saved (a resident's {@link Declaration}, from the page) that the plan in force was made without:
 * per pile while one waits for the control loop to apply it at its next cycle, then per session (the car it was
 * applied to) until the policy takes up a plan asked after it (ask counts, {@link PlanAsks}: the policy asks one at the
 * next cycle, or once the plan being solved comes). Until then that plan's figures for the car (its finish, its
 * shortfall, its next slot) are of the declaration before: the page says the saved reservation instead, re-planning
 * while a plan is coming (docs/web.md, "Reservations"). Until 2026-12-07 the page showed the plan before it for a round
 * or two of planning (WebPageReplanningBrowserTest); for a few hours that day, a reservation was kept per pile and
 * judged by instants of the clock, so that a clock set back marked it again, with a car plugged in since given the one
 * before's, and one saved unchanged waited up to the re-plan period (ControlLoopReservationAwaitingPlanTest).
 *
 * <p>Saved by the web's thread; applied, ended and moved by a clock's step on the control thread; read by the page,
 * which takes {@link #now} before the cycle it shows: an entry is ended only after the cycle whose plan knows it is
 * published, so one the page finds ended is known to the plan it then reads.
 */
public final class ReservationsAwaitingPlan {
    /**
     * A reservation saved for a car that the plan in force does not know. {@code planFailed}: the plan asked with it
     * failed and none since is in force (the policy plans again at its re-plan period), so none is coming now.
     */
    public record Awaiting(Declaration declared, boolean planFailed) {
        /**
         * Whether a plan that knows it is coming after {@code last} (the cycle the page reads; null before the first):
         * not after the plan asked with it failed, nor while the clock is not set, when the policy is not asked at all.
         * The page says "re-planning" only then; else the saved reservation alone, the row's reason saying the rest
         * (the clock not set; a failed plan is an event of its own).
         */
        public boolean replanning(CycleResult last) {
            return !planFailed && (last == null || last.mode() != ControlMode.CLOCK_NOT_SET);
        }
    }

    /** Applied to a session, with how many plans had been asked before the cycle it was applied at. */
    private record Applied(Declaration declared, int askedBefore, boolean planFailed) {
    }

    /** Per pile, saved and not yet applied: the page's at once. */
    private final AtomicReferenceArray<Declaration> saved;
    /** By session id; written by the control thread alone. */
    private final Map<String, Applied> applied = new ConcurrentHashMap<>();

    ReservationsAwaitingPlan(int piles) {
        this.saved = new AtomicReferenceArray<>(piles);
    }

    /** A reservation for pile {@code pileIndex}'s car was saved: the control loop applies it at its next cycle. */
    void saved(int pileIndex, Declaration declared) {
        saved.set(pileIndex, declared);
    }

    /**
     * The control thread applied {@code declared} to session {@code sessionId} on pile {@code pileIndex}, before a
     * cycle that asks {@code asks} for its plan: a plan asked from that cycle on knows it. A later one saved meanwhile
     * stands as saved.
     */
    void applied(int pileIndex, String sessionId, Declaration declared, PlanAsks asks) {
        // Kept for the session before it leaves the pile's place: a page reading between the two finds one or both.
        applied.put(sessionId, new Applied(declared, asks.asked(), false));
        saved.updateAndGet(pileIndex, d -> declared.equals(d) ? null : d);
    }

    /** {@code declared} was not applied (no car plugged in): it awaits no plan. */
    void ignored(int pileIndex, Declaration declared) {
        saved.updateAndGet(pileIndex, d -> declared.equals(d) ? null : d);
    }

    /**
     * After a cycle, on the control thread, once its result is published: a reservation a plan in force now knows, or
     * whose car left ({@code open}: the sessions open after it), waits no longer; one whose plan failed says so.
     */
    void cycled(List<PluggedSession> open, PlanAsks asks) {
        if (applied.isEmpty()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        open.forEach(s -> ids.add(s.id()));
        applied.entrySet().removeIf(e -> !ids.contains(e.getKey()) || asks.inForceAskedAfter(e.getValue().askedBefore()));
        applied.replaceAll((id, a) -> new Applied(a.declared(), a.askedBefore(), asks.failedSince(a.askedBefore())));
    }

    /** The clock was set by {@code step}: a departure it gave is moved as the sessions' are. */
    void restamp(ClockStep step) {
        for (int i = 0; i < saved.length(); i++) {
            saved.updateAndGet(i, d -> d == null ? null : d.restamped(step));
        }
        applied.replaceAll((id, a) -> new Applied(a.declared().restamped(step), a.askedBefore(), a.planFailed()));
    }

    /** The reservations awaiting a plan now, as one value: taken before the cycle the page reads. */
    public Now now() {
        Declaration[] byPile = new Declaration[saved.length()];
        for (int i = 0; i < byPile.length; i++) {
            byPile[i] = saved.get(i);
        }
        return new Now(byPile, Map.copyOf(applied));
    }

    /** The reservations awaiting a plan at one moment. */
    public static final class Now {
        private final Declaration[] saved;
        private final Map<String, Applied> applied;

        private Now(Declaration[] saved, Map<String, Applied> applied) {
            this.saved = saved;
            this.applied = applied;
        }

        /**
         * The reservation saved for the car of session {@code sessionId} on pile {@code pileIndex} that the plan in force
         * does not know, if any: one saved and not yet applied, or one applied to that session (not another car's).
         */
        public Optional<Awaiting> of(int pileIndex, String sessionId) {
            Declaration d = pileIndex < saved.length ? saved[pileIndex] : null;
            if (d != null) {
                return Optional.of(new Awaiting(d, false));
            }
            Applied a = applied.get(sessionId);
            return a == null ? Optional.empty() : Optional.of(new Awaiting(a.declared(), a.planFailed()));
        }
    }
}
