package org.orderly.gateway.app.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Limiter;
import org.orderly.gateway.core.limit.Request;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.policy.ChargingPolicy;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.policy.Snapshot;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;

/**
 * One control cycle of the live gateway. With a fresh transformer reading, the household load is
 * its total less what the piles draw, and the policy decides. With a stale or missing reading the
 * gateway does not know its headroom: it shares a configured safe EV power equally (within every
 * circuit and line limit) and never runs at full power. A reading is stale by its age, not by its stamp
 * against this cycle's clock: NTP may step the clock between the two, and a step back would keep the
 * last reading before it fresh for as long as the step. A reading whose total or a phase's power has flowed back to the
 * grid for {@link BackflowWatch#HOLD} (a CT the wrong way round makes the households look light) is distrusted as a
 * stale one is, and the result names it. A clock earlier than it can be (not set since a power cut:
 * earlier than its {@link ClockFloor}) runs the cycle without the policy, whose plans go by the time of day
 * ({@link ControlMode#CLOCK_NOT_SET}).
 */
public final class ControlCycle {
    private final Compound compound;
    private final ChargingPolicy policy;
    private final Clock clock;
    private final Duration staleAfter;
    private final ClockFloor clockFloor;
    /** The id of the cap the load-control contact imposes while active. */
    public static final String LOAD_CONTROL_CAP = "load-control-contact";
    /** How far ahead the planner assumes an active contact holds; it is renewed every cycle while it does. */
    private static final Duration LOAD_CONTROL_HORIZON = Duration.ofMinutes(15);
    private final double safeEvKw;
    /** The amperes each pile was allowed by the last cycle. */
    private final double[] lastAmps;
    private final SessionTracker sessions;
    private final Limiter conservative;
    private final double[] ceilingA;
    private final Ticker ticker;
    private final BackflowWatch backflow = new BackflowWatch();

    /** @param sessionNumbers what makes each new session's id unique (the store's, live) */
    public ControlCycle(Compound compound, ChargingPolicy policy, Clock clock, Duration staleAfter, double safeEvKw,
                        SessionNumbers sessionNumbers) {
        this(compound, policy, clock, staleAfter, safeEvKw, sessionNumbers, ClockFloor.NONE);
    }

    /**
     * @param clockFloor the earliest the clock can plausibly say: before it, the cycle runs in
     *                   {@link ControlMode#CLOCK_NOT_SET}
     */
    public ControlCycle(Compound compound, ChargingPolicy policy, Clock clock, Duration staleAfter, double safeEvKw,
                        SessionNumbers sessionNumbers, ClockFloor clockFloor) {
        this(compound, policy, clock, staleAfter, safeEvKw, sessionNumbers, clockFloor, Ticker.SYSTEM);
    }

    /**
     * @param ticker the gateway's monotonic time, on which a reading flowing back is held before it is distrusted
     *               ({@link BackflowWatch#HOLD})
     */
    public ControlCycle(Compound compound, ChargingPolicy policy, Clock clock, Duration staleAfter, double safeEvKw,
                        SessionNumbers sessionNumbers, ClockFloor clockFloor, Ticker ticker) {
        if (!(safeEvKw >= 0)) {
            throw new IllegalArgumentException("safe EV power must be >= 0 kW, got " + safeEvKw);
        }
        this.compound = compound;
        this.policy = policy;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.clockFloor = clockFloor;
        this.ticker = ticker;
        this.safeEvKw = safeEvKw;
        this.lastAmps = new double[compound.pileCount()];
        this.sessions = new SessionTracker(compound, sessionNumbers);
        this.conservative = new Limiter(compound, Double.POSITIVE_INFINITY, 0.1);
        this.ceilingA = new double[compound.pileCount()];
        Arrays.fill(ceilingA, Double.POSITIVE_INFINITY);
    }

    /** The installer's limit for a pile (0 pauses it, infinity lifts it), kept in conservative mode too. */
    public void limitPile(int pileIndex, double maxA) {
        policy.limitPile(pileIndex, maxA);
        ceilingA[pileIndex] = maxA;
    }

    /**
     * What the pile offers on its own while the gateway cannot reach it: {@code amps} once its last lease has lapsed
     * (NaN when not known: its maximum is held), and {@code lease}, how long a limit it took may hold.
     */
    public void fallback(int pileIndex, double amps, Duration lease) {
    }

    /** The earliest the clock can plausibly say. */
    public ClockFloor clockFloor() {
        return clockFloor;
    }

    public SessionTracker sessions() {
        return sessions;
    }

    /**
     * @param transformer the latest transformer reading, or null when there has been none
     * @param piles       each pile's latest observation
     * @param caps        the grid caps received so far
     */
    public CycleResult run(TransformerReading transformer, List<PileObservation> piles, List<GridCap> caps) {
        return run(transformer, piles, caps, OptionalDouble.empty());
    }

    /**
     * As {@link #run(TransformerReading, List, List)}, with the EV power the grid's load-control contact allows now
     * (empty when it is released). The contact's limit becomes a cap on the total load at this cycle's household
     * load plus that power, so the Limiter sheds to it in this very cycle through the same nodes as any grid cap.
     */
    public CycleResult run(TransformerReading transformer, List<PileObservation> piles, List<GridCap> caps,
                           OptionalDouble evCapKw) {
        Instant now = clock.instant();
        List<PluggedSession> plugged = sessions.update(piles);
        List<CarriedSession> departedUnseen = sessions.takeDepartedUnseen();
        boolean stale = transformer == null || transformer.age().compareTo(staleAfter) > 0
                || !Double.isFinite(transformer.totalKw());
        // A reading flowing back to the grid (held for its hold) is no more to be trusted than a stale one.
        Backflow back = stale ? null : backflow.see(transformer, ticker.now()).orElse(null);
        boolean untrusted = stale || back != null;
        if (!clockFloor.plausible(now)) {
            double baseKw = untrusted ? Double.NaN : Math.max(0, transformer.totalKw() - evKwAtMost(piles));
            return remember(withoutTheClock(baseKw, plugged, caps, evCapKw, departedUnseen, back));
        }
        if (untrusted) {
            double safe = Math.min(safeEvKw, evCapKw.orElse(Double.POSITIVE_INFINITY));
            return remember(new CycleResult(conservatively(plugged, caps, now, safe), ControlMode.CONSERVATIVE,
                    Double.NaN, plugged, reasons(plugged, untrustedBecause(back)), List.copyOf(caps), departedUnseen,
                    back));
        }
        double baseKw = Math.max(0, transformer.totalKw() - evKwAtMost(piles));
        List<GridCap> inForce = caps;
        if (evCapKw.isPresent()) {
            inForce = new ArrayList<>(caps);
            inForce.add(new GridCap(LOAD_CONTROL_CAP, now.minusSeconds(1), now.plus(LOAD_CONTROL_HORIZON),
                    baseKw + evCapKw.getAsDouble()));
        }
        Allocation allocation = policy.decide(new Snapshot(baseKw, plugged, inForce));
        return remember(new CycleResult(allocation, ControlMode.NORMAL, baseKw, plugged, policy.reasons(),
                List.copyOf(inForce), departedUnseen));
    }

    /**
     * A cycle while the clock is earlier than it can be: the policy is not asked, since its plans go by the time of day
     * (prices, the household load's daily shape, departures) and the clock's is wrong. With a fresh reading every
     * plugged pile asks for its maximum and the Limiter shares the live room; with a stale one, only the safe EV power,
     * as in conservative mode. A grid cap counts whatever its window says, which a wrong clock cannot judge, so the
     * lowest one received is in force; the load-control contact counts as ever.
     *
     * @param baseKw the household load, NaN when the reading is stale or flows back
     * @param back   the backflow that made the reading untrusted, null if none did
     */
    private CycleResult withoutTheClock(double baseKw, List<PluggedSession> plugged, List<GridCap> caps, OptionalDouble evCapKw,
                                        List<CarriedSession> departedUnseen, Backflow back) {
        double limit = compound.transformer().limitKw();
        for (GridCap cap : caps) {
            limit = Math.min(limit, cap.limitKw());
        }
        double evKw = evCapKw.orElse(Double.POSITIVE_INFINITY);
        boolean stale = Double.isNaN(baseKw);
        if (stale) {
            evKw = Math.min(evKw, safeEvKw);
        }
        // The households as the room is judged: with a stale reading, all but the safe EV power of the limit.
        double households = stale ? Math.max(0, limit - evKw) : baseKw;
        limit = Math.min(limit, households + evKw);
        Allocation allocation = conservative.limit(compound.room(households, limit), requests(plugged));
        PileReason why = stale ? untrustedBecause(back) : PileReason.CLOCK_NOT_SET;
        return new CycleResult(allocation, ControlMode.CLOCK_NOT_SET, baseKw, plugged, reasons(plugged, why),
                List.copyOf(caps), departedUnseen, back);
    }

    /** Each plugged pile asks for its maximum, within the installer's limit for it. */
    private List<Request> requests(List<PluggedSession> plugged) {
        List<Request> requests = new ArrayList<>();
        for (PluggedSession s : plugged) {
            double max = Math.min(compound.pile(s.pileIndex()).maxCurrentA(), ceilingA[s.pileIndex()]);
            requests.add(new Request(s.pileIndex(), max, 0, 0));
        }
        return requests;
    }

    /**
     * The EV power to take off the transformer's total to get the households' load: what each pile reported, but
     * never more than the current it was last allowed. A pile's report can be older than the meter's reading; right
     * after a cut it still shows the old draw, and subtracting that would make the households look lighter and the
     * headroom larger than they are. Taking the smaller errs the other way, toward less headroom, until the report
     * catches up.
     */
    private double evKwAtMost(List<PileObservation> piles) {
        double kw = 0;
        for (PileObservation p : piles) {
            double allowed = compound.kw(p.pileIndex(), lastAmps[p.pileIndex()]);
            kw += Math.min(Math.max(0, p.powerKw()), allowed);
        }
        return kw;
    }

    private CycleResult remember(CycleResult result) {
        System.arraycopy(result.allocation().amps(), 0, lastAmps, 0, lastAmps.length);
        return result;
    }

    /** Why every plugged pile is held to the safe power: a reading flowing back, or else a stale one. */
    private static PileReason untrustedBecause(Backflow back) {
        return back != null ? PileReason.METER_FLOWS_BACK : PileReason.METER_STALE;
    }

    /** The same reason for every plugged pile, none for the others. */
    private List<PileReason> reasons(List<PluggedSession> plugged, PileReason why) {
        PileReason[] reasons = new PileReason[compound.pileCount()];
        Arrays.fill(reasons, PileReason.NONE);
        for (PluggedSession s : plugged) {
            reasons[s.pileIndex()] = why;
        }
        return List.of(reasons);
    }

    private Allocation conservatively(List<PluggedSession> plugged, List<GridCap> caps, Instant now, double safeEvKw) {
        double limit = ChargingPolicy.limitAt(compound, caps, now);
        // Pretend the households take all but the safe EV power: the transformer node then has
        // exactly that room, and each line the room it would have at that household load.
        double[] room = compound.room(Math.max(0, limit - safeEvKw), limit);
        return conservative.limit(room, requests(plugged));
    }
}
