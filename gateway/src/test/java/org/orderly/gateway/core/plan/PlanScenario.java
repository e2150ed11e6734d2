package org.orderly.gateway.core.plan;

import static org.orderly.gateway.core.tariff.BeijingTariff.ZONE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.forecast.BaseLoadForecast;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * One planning scenario in a few lines: a {@link VirtualClock} set to Beijing local time on a
 * Tuesday, a compound (by default a 100 kW transformer and ten single-phase 32 A piles, 7.04 kW
 * each), the household load read now (flat in the forecast, which has seen nothing else), grid
 * caps, and sessions whose departure and energy are known for sure (a single sample each, smoothed
 * by 10 minutes). {@link #solve()} builds the problem with {@link PlanProblemBuilder} and solves
 * it with {@link GreedyPlanner}.
 */
final class PlanScenario {
    static final double PENALTY = 1.8;
    static final double PILE_KW = 32 * CompoundFixtures.KW_PER_A_1PH;

    private final VirtualClock clock;
    private Compound compound = defaultCompound(10);
    private PlannerSettings settings = PlannerSettings.defaults(PENALTY);
    private double baseKw = 30;
    private final List<GridCap> caps = new ArrayList<>();
    private final List<PlanSession> sessions = new ArrayList<>();

    private PlanScenario(Instant now) {
        this.clock = new VirtualClock(now, ZONE);
    }

    /** Now is {@code hhmm} (or hh:mm:ss) local time on Tuesday. */
    static PlanScenario at(String hhmm) {
        return new PlanScenario(BeijingTariff.tuesday(hhmm));
    }

    static Compound defaultCompound(int piles) {
        CompoundFixtures.Builder b = CompoundFixtures.compound();
        for (int i = 0; i < piles; i++) {
            b.pile("P" + i, Phase.A, null);
        }
        return b.build();
    }

    Instant now() {
        return clock.instant();
    }

    /** The next time the local clock reads {@code hhmm}, from now. */
    Instant next(String hhmm) {
        return BeijingTariff.next(now(), hhmm);
    }

    PlanScenario compound(Compound c) {
        this.compound = c;
        return this;
    }

    PlanScenario baseKw(double kw) {
        this.baseKw = kw;
        return this;
    }

    /** No safety margin on the household-load forecast: room is exactly limit minus base. */
    PlanScenario noBaseMargin() {
        PlannerSettings s = settings;
        settings = new PlannerSettings(s.horizon(), s.penaltyPerKWh(), s.energyQuantile(), s.urgencyQuantile(), 0, 0,
                s.flatteningPerKWh(), s.riskAversion());
        return this;
    }

    PlanScenario horizonHours(int hours) {
        PlannerSettings s = settings;
        settings = new PlannerSettings(Duration.ofHours(hours), s.penaltyPerKWh(), s.energyQuantile(),
                s.urgencyQuantile(), s.baseMarginShare(), s.baseMarginKw(), s.flatteningPerKWh(), s.riskAversion());
        return this;
    }

    PlannerSettings settings() {
        return settings;
    }

    /** The grid caps the compound's total load at {@code kw} from the next {@code from} to the next {@code to}. */
    PlanScenario cap(String from, String to, double kw) {
        Instant a = next(from);
        caps.add(new GridCap("cap-" + from, a, BeijingTariff.next(a, to), kw));
        return this;
    }

    /** A vehicle on pile {@code pile} that surely leaves at the next {@code leave} and wants {@code kWh} in all. */
    PlanScenario session(String id, int pile, String leave, double kWh) {
        return session(id, pile, leave, kWh, PILE_KW);
    }

    PlanScenario session(String id, int pile, String leave, double kWh, double maxKw) {
        sessions.add(new PlanSession(id, pile, sure(now(), next(leave), kWh), 0, maxKw));
        return this;
    }

    /** A session with any belief. */
    PlanScenario session(PlanSession session) {
        sessions.add(session);
        return this;
    }

    /** A belief with one departure (smoothed by 10 minutes) and one energy. */
    static SessionBelief sure(Instant arrival, Instant departure, double kWh) {
        return new SessionBelief(arrival, new double[] {departure.getEpochSecond()}, new double[] {1}, 600,
                new double[] {kWh}, new double[] {1}, new double[] {Double.NaN});
    }

    Solved solve() {
        // a forecast that has read nothing yet: every slot expects the household load read now
        BaseLoadForecast forecast = new BaseLoadForecast(ZONE);
        PlanProblem problem = new PlanProblemBuilder(compound, BeijingTariff.tariff(), settings)
                .build(new PlanInput(now(), baseKw, forecast, caps, sessions));
        return new Solved(problem, new GreedyPlanner().solve(problem));
    }

    /** A solved scenario, with the sums the scenarios ask about. */
    record Solved(PlanProblem problem, Plan plan) {

        int slots() {
            return plan.slotCount();
        }

        SessionPlan session(String id) {
            return plan.session(id);
        }

        double kwh(String id, int slot) {
            return plan.session(id).kwhInSlot(slot);
        }

        double total(String id) {
            double sum = 0;
            for (int j = 0; j < slots(); j++) {
                sum += kwh(id, j);
            }
            return sum;
        }

        /** Energy planned for {@code id} in the slots that lie inside [from, to). */
        double between(String id, Instant from, Instant to) {
            double sum = 0;
            for (int j : slotsWithin(from, to)) {
                sum += kwh(id, j);
            }
            return sum;
        }

        /** EV energy planned for all sessions in slot j, kWh. */
        double evKwh(int slot) {
            double sum = 0;
            for (SessionPlan sp : plan.sessions().values()) {
                sum += sp.kwhInSlot(slot);
            }
            return sum;
        }

        /** The slots that lie inside [from, to). */
        List<Integer> slotsWithin(Instant from, Instant to) {
            List<Integer> out = new ArrayList<>();
            for (int j = 0; j < slots(); j++) {
                if (plan.slotStart(j) >= from.getEpochSecond() && plan.slotEnd(j) <= to.getEpochSecond()) {
                    out.add(j);
                }
            }
            return out;
        }

        double hours(int slot) {
            return problem.hours()[slot];
        }
    }
}
