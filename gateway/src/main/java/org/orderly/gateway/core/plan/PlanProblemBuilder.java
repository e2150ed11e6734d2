package org.orderly.gateway.core.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.estimate.EnergyNeed;
import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.limit.Urgency;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.tariff.Tariff;

/**
 * Turns what the gateway knows into a {@link PlanProblem}: 15-minute slots from now to the
 * horizon (the first one cut short at the next quarter hour), each slot's mean price, expected
 * household load plus margin, the total limit in force (transformer or grid cap), and each
 * session's energy need, survival and expected cost per slot:
 * {@code S price + (1 - S) penalty x riskAversion}.
 */
public final class PlanProblemBuilder {
    private static final long SLOT_SECONDS = 900;
    private static final double MIN_SURVIVAL = 0.01;
    /**
     * The most a session's energy given so far adds to its place in the order, in hours at full power: enough that a
     * car leaving a few minutes earlier no longer keeps its place over one given nothing, too little to outweigh the
     * hours of laxity that tell a car that must start now from one that may wait (docs/scheduler.md).
     */
    static final double GIVEN_HOURS = 0.25;

    private final Compound compound;
    private final Tariff tariff;
    private final PlannerSettings settings;
    private final Map<Long, Double> quarterPrice = new HashMap<>();

    public PlanProblemBuilder(Compound compound, Tariff tariff, PlannerSettings settings) {
        this.compound = compound;
        this.tariff = tariff;
        this.settings = settings;
    }

    public PlanProblem build(PlanInput in) {
        long now = in.now().getEpochSecond();
        long[] bounds = slotBounds(now);
        int slots = bounds.length - 1;
        int nodes = compound.nodeCount();
        double[] hours = new double[slots];
        double[] price = new double[slots];
        double[] expectedBase = new double[slots];
        double[] limitKw = new double[slots];
        double[][] room = new double[slots][];
        for (int j = 0; j < slots; j++) {
            hours[j] = (bounds[j + 1] - bounds[j]) / 3600.0;
            price[j] = price(bounds[j], bounds[j + 1]);
            limitKw[j] = limitIn(bounds[j], bounds[j + 1], in.caps());
            // Without a live reading, households that take all the transformer's limit but the safe EV power, whatever
            // a cap in the slot: what conservative mode shares (ControlCycle), so a slot is planned no fuller than that.
            double blindKw = in.readLive() ? Double.NaN : in.safeNow().households(compound).totalKw();
            double expected = in.forecast().expectedKw(Instant.ofEpochSecond((bounds[j] + bounds[j + 1]) / 2));
            // The current slot without a live reading has the EV power allowed now, however light the forecast; so has
            // every slot with no forecast either (no reading was ever trusted).
            boolean blind = !in.readLive() && (j == 0 || Double.isNaN(expected));
            if (Double.isNaN(expected)) {
                expected = in.readLive() ? in.liveBaseKw() : blindKw;
            }
            if (j == 0 && in.readLive()) {
                expected = Math.max(expected, in.liveBaseKw());
            }
            expectedBase[j] = expected;
            double guarded = settings.guardedBaseKw(expected);
            room[j] = blind ? in.safeNow().room(compound, limitKw[j]) : compound.room(guarded, limitKw[j]);
            for (int n = 0; n < nodes; n++) {
                room[j][n] *= hours[j];
            }
        }
        List<PlanCandidate> candidates = new ArrayList<>();
        for (PlanSession s : in.sessions()) {
            candidates.add(candidate(s, now, bounds, price));
        }
        // Least laxity first, a session drawing now ahead of one of like laxity (Urgency): a plan does not stop a car
        // the last one started for a waiting one that is no more urgent; among near ones, the one given less (order).
        candidates.sort(Comparator.comparingDouble(PlanProblemBuilder::order).thenComparing(c -> c.session().id()));
        return new PlanProblem(in.now(), compound, settings, bounds, hours, price, expectedBase, limitKw, room,
                List.copyOf(candidates));
    }

    /**
     * The key candidates are placed in, least first: their urgency ({@link Urgency}) plus the hours at full power it
     * has been given so far, at most {@link #GIVEN_HOURS}. Continuous in both, so that among cars of near urgency the
     * one given less goes first and the one left behind rises plan after plan (docs/scheduler.md, "Cars of near
     * urgency take turns").
     */
    static double order(PlanCandidate c) {
        double maxKw = c.session().maxKw();
        double givenHours = maxKw > 0 ? Math.min(GIVEN_HOURS, c.session().deliveredKWh() / maxKw) : 0;
        return Urgency.key(c.laxityHours(), c.session().drawing()) + givenHours;
    }

    private PlanCandidate candidate(PlanSession s, long now, long[] bounds, double[] price) {
        EnergyNeed need = s.belief().need(s.deliveredKWh(), now);
        double target = need.upTo(1 - settings.energyQuantile());
        int slots = bounds.length - 1;
        SessionBelief belief = s.belief();
        // Band 0 prices every kWh with the unconditional survival; a vehicle whose habits pair large
        // energies with long stays gets its further kWh priced with the survival of those stays.
        // Samples the vehicle has outgrown no longer describe it: the first band is the largest
        // one that still holds every vehicle wanting more.
        List<Integer> bandIds = new ArrayList<>();
        List<Double> bandFrom = new ArrayList<>();
        for (int b = 0; b < belief.energyBands(); b++) {
            double from = belief.bandFromKWh(b, s.deliveredKWh());
            if (from <= 0) {
                bandIds.clear();
                bandFrom.clear();
            }
            if (from < target) {
                bandIds.add(b);
                bandFrom.add(Math.max(0, from));
            }
        }
        double[][] bandSurvival = new double[bandIds.size()][slots];
        double[] survival = new double[slots];
        int window = 0;
        while (window < slots) {
            long mid = (bounds[window] + bounds[window + 1]) / 2;
            double sv = belief.survival(mid, now);
            double most = sv;
            for (int b = 0; b < bandIds.size(); b++) {
                bandSurvival[b][window] = belief.survival(mid, now, bandIds.get(b));
                most = Math.max(most, bandSurvival[b][window]);
            }
            if (most < MIN_SURVIVAL) {
                break;
            }
            survival[window++] = sv;
        }
        survival = Arrays.copyOf(survival, window);
        double[] cost = costs(survival, price);
        List<PlanCandidate.EnergyBand> bands = new ArrayList<>();
        if (bandIds.isEmpty()) {
            bands.add(new PlanCandidate.EnergyBand(0, cost));
        }
        for (int b = 0; b < bandIds.size(); b++) {
            bands.add(new PlanCandidate.EnergyBand(bandFrom.get(b), costs(Arrays.copyOf(bandSurvival[b], window), price)));
        }
        return new PlanCandidate(s, target, need, s.laxityHours(now, settings.urgencyQuantile(), need), survival, cost,
                List.copyOf(bands));
    }

    private double[] costs(double[] survival, double[] price) {
        double unmet = settings.penaltyPerKWh() * settings.riskAversion();
        double[] cost = new double[survival.length];
        for (int j = 0; j < survival.length; j++) {
            cost[j] = survival[j] * price[j] + (1 - survival[j]) * unmet;
        }
        return cost;
    }

    private long[] slotBounds(long now) {
        long end = now + settings.horizon().getSeconds();
        List<Long> b = new ArrayList<>();
        b.add(now);
        for (long t = Math.floorDiv(now, SLOT_SECONDS) * SLOT_SECONDS + SLOT_SECONDS; t <= end; t += SLOT_SECONDS) {
            b.add(t);
        }
        return b.stream().mapToLong(Long::longValue).toArray();
    }

    private double price(long from, long to) {
        if (from % SLOT_SECONDS == 0 && to - from == SLOT_SECONDS) {
            if (quarterPrice.size() > 20_000) {
                quarterPrice.clear();
            }
            return quarterPrice.computeIfAbsent(from / SLOT_SECONDS,
                    q -> tariff.meanPrice(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to)));
        }
        return tariff.meanPrice(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
    }

    private double limitIn(long from, long to, List<GridCap> caps) {
        double limit = compound.transformer().limitKw();
        Instant a = Instant.ofEpochSecond(from);
        Instant b = Instant.ofEpochSecond(to);
        for (GridCap cap : caps) {
            if (cap.overlaps(a, b)) {
                limit = Math.min(limit, cap.limitKw());
            }
        }
        return limit;
    }
}
