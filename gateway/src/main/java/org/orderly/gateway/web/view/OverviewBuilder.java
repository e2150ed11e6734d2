package org.orderly.gateway.web.view;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import org.orderly.gateway.app.FieldView;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.PileMeters;
import org.orderly.gateway.app.ReservationsAwaitingPlan;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileCounts;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.core.plan.Plan;
import org.orderly.gateway.core.plan.SessionPlan;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.pile.PileState;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.alarm.OverloadHysteresis;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.web.alarm.FieldAlarms;
import org.orderly.gateway.web.alarm.UntakenReading;
import org.orderly.gateway.web.alarm.UpstreamAlarms;

/**
 * Builds the live {@link Overview} from what the gateway already knows: the control loop's last cycle (amperes,
 * reasons, sessions, caps), the pile drivers' last status, the newest transformer reading and the plan in force.
 * It only reads values other threads publish; it never waits on the control thread. It also tells the alarm board
 * which conditions hold now.
 */
public final class OverviewBuilder {
    /**
     * The least shortfall a row says (kWh): below it the planner's chunks left a rounding, not energy a resident misses
     * (the page shows a tenth of a kWh).
     */
    static final double SHORT_KWH_SAID = 0.1;
    /** The transformer's total among the loads {@link #overloads} holds; each line is its letter. */
    private static final String TOTAL = "total";
    private final Gateway gateway;
    private final Compound compound;
    private final Clock clock;
    private final AlarmBoard alarms;
    private final Supplier<Today> today;
    private final Supplier<Optional<AlarmKind>> certificate;
    /** The transformer's total ({@link #TOTAL}) and each line, looked at once a build. */
    private final OverloadHysteresis overloads;
    /** Where a pile's bus meter measures what the pile does not: the page takes each draw as the control cycle does. */
    private final PileMeters pileMeters;

    /**
     * @param certificate the alarm for the page's HTTPS certificate, if any ({@code web.tls}; its dates held against
     *                    people's time, not {@code clock})
     */
    public OverviewBuilder(Gateway gateway, Clock clock, AlarmBoard alarms, Supplier<Today> today,
                           Supplier<Optional<AlarmKind>> certificate) {
        this.gateway = gateway;
        this.compound = gateway.config().compound();
        this.clock = clock;
        this.alarms = alarms;
        this.today = today;
        this.certificate = certificate;
        this.pileMeters = PileMeters.of(gateway.config());
        WebConfig web = gateway.config().web();
        this.overloads = new OverloadHysteresis(web == null ? WebConfig.DEFAULT_OVERLOAD_HOLD : web.overloadHold());
    }

    public Compound compound() {
        return compound;
    }

    /** The overview now; also updates the alarm board. */
    public Overview build() {
        Instant now = clock.instant();
        Tick tick = gateway.ticker().now();
        long t = now.getEpochSecond();
        // Before the cycle: a reservation found no longer awaiting a plan is known to the plan of the cycle read next.
        ReservationsAwaitingPlan.Now awaitingPlan = gateway.loop().reservationsAwaitingPlan().now();
        // One cycle's result and what it was shown, read once: the card's loads are all of it (CardLoads).
        CycleSeen seen = gateway.loop().lastCycle();
        CycleResult last = seen == null ? null : seen.result();
        // A pile's reason, and the times the page shows with it (waiting "from 21:45", the estimated finish), come
        // from the plan the cycle decided with, at the time it decided: the policy may have taken a newer plan since,
        // and a later slot may have begun. Until 2026-12-03 they came from the plan in force and the page's own time,
        // read apart from the cycle's result (OverviewPlanOfReasonTest).
        boolean decided = last != null && last.plan() != null;
        Plan plan = decided ? last.plan() : gateway.policy().plan();
        long decidedAt = decided ? last.decidedAt().getEpochSecond() : t;
        Set<AlarmBoard.Condition> conditions = new HashSet<>();
        String gatewayId = gateway.config().gatewayId();

        Map<Integer, PluggedSession> sessions = new HashMap<>();
        boolean stale = false;
        // Before the first cycle there is no load to show (the rows say each pile's). Why the cycle did not take the
        // reading the meter answered now is judged there once for the alarm, the card's line and the meter's status
        // alike: until 2026-12-07 the alarm and the card judged it apart, in two orders.
        CardLoads loads = seen == null ? CardLoads.none(now) : CardLoads.of(seen, last.staleAfter());
        Optional<ReadingNotTaken> notTaken = Optional.ofNullable(loads.notTaken());
        if (last != null) {
            last.plugged().forEach(s -> sessions.put(s.pileIndex(), s));
            // Clock not set with a stale reading shares only the safe power, as conservative mode does.
            if (last.mode() == ControlMode.CONSERVATIVE
                    || (last.mode() == ControlMode.CLOCK_NOT_SET && Double.isNaN(last.baseKw()))) {
                // A reading the meter answered and the cycle refused says why, by its own alarm (until 2026-12-07 all
                // but one flowing back raised METER_STALE, whose text says no readings come); else it is stale, a meter
                // fallen silent after a refused reading too, its failing polls said (read57e).
                notTaken.map(why -> UntakenReading.alarm(why, last, gatewayId)).ifPresent(conditions::add);
                stale = notTaken.isEmpty();
            }
            if (last.mode() == ControlMode.CLOCK_NOT_SET) {
                conditions.add(new AlarmBoard.Condition(AlarmKind.CLOCK_NOT_SET, gatewayId));
            }
        }
        double limitKw = compound.transformer().limitKw();
        LimitInForce limit = LimitInForce.of(compound, last, now);
        limit.condition(gatewayId).ifPresent(conditions::add);
        Reading newest = gateway.readings().latest(gateway.config().transformerMeter().id()).orElse(null);
        // The overload alarm judges the newest reading, as it did before the card showed the cycle's (CardLoads).
        TransformerReading reading = last != null && !Double.isNaN(last.baseKw()) ? transformer(newest, tick) : null;
        double newestKw = reading == null ? Double.NaN : reading.totalKw();
        overloads.look(TOTAL, newestKw, limitKw, tick).ifPresent(shown ->
                conditions.add(new AlarmBoard.Condition(AlarmKind.OVERLOAD, gatewayId,
                        OverloadFigures.of(shown, limitKw, "kW"))));
        // METER_STALE with the meters' and ports' alarms: one alarm per cause (FieldAlarms)
        conditions.addAll(FieldAlarms.conditions(new FieldAlarms.TransformerMeter(gateway.config().transformerMeter().id(),
                stale, Optional.ofNullable(newest).map(r -> r.age(tick))), gateway.unreliableMeters().now(),
                gateway.unavailablePorts().now(), gatewayId));
        MeterView meter = MeterViews.of(last, newest, notTaken.orElse(null), compound.transformer(), gateway.lines());
        conditions.addAll(LineOverloads.conditions(meter, gatewayId, overloads, tick));

        List<PileRow> rows = new ArrayList<>(compound.pileCount());
        for (int i = 0; i < compound.pileCount(); i++) {
            int pileIndex = i;
            Pile pile = compound.pile(i);
            Optional<PileState> state = gateway.drivers().get(i).latest();
            // Offline as the control cycle found it (control.pileOfflineAfterMs): it plans nothing for such a pile
            // and holds its fallback for it. A pile not heard from yet since the start shows so, but is no alarm
            // before the cycle says it is offline: a start is not an outage.
            boolean cycleSaysOffline = last != null && last.reasons().size() > i
                    && last.reasons().get(i) == PileReason.PILE_OFFLINE;
            boolean offline = state.isEmpty() || cycleSaysOffline;
            Optional<PileMeters.Draw> draw = state.map(s -> pileMeters.draw(pileIndex, s, gateway.readings(), tick));
            // The bridge at its address is another pile's: its driver gives it nothing and says nothing of it (no state),
            // so it is offline as the cycle finds it too; this says why and what to fix, from its /info's first read.
            gateway.drivers().get(i).answersAs().ifPresent(other ->
                    conditions.add(new AlarmBoard.Condition(AlarmKind.PILE_ANSWERS_AS_ANOTHER, pile.id(), other)));
            if (cycleSaysOffline) {
                conditions.add(new AlarmBoard.Condition(AlarmKind.PILE_OFFLINE, pile.id()));
            } else if (state.isPresent()) {
                PileState heard = state.get();
                if (heard.state().fault()) {
                    conditions.add(new AlarmBoard.Condition(AlarmKind.PILE_FAULT, pile.id(), heard.fault().orElse(null)));
                }
                if (heard.meterOk().equals(Optional.of(false))) {
                    conditions.add(new AlarmBoard.Condition(AlarmKind.PILE_METER_FAILING, pile.id()));
                }
                if (last != null) {
                    NotFollowing.detail(compound, i, draw.get().kw(), last.allocation().amps()[i]).ifPresent(detail ->
                            conditions.add(new AlarmBoard.Condition(AlarmKind.PILE_NOT_FOLLOWING, pile.id(), detail)));
                }
            }
            // An offline pile's last report says nothing of what it draws now, nor whether a car is still plugged in:
            // the cycle counts its draw as the households', and telemetry counts it as offline, in neither plugged
            // nor charging; so does the page (no power in its row, not in the EV load, not plugged in).
            Double kw = offline ? null : draw.map(d -> finite(d.kw())).orElse(0.0);
            // Whether that kw is a meter's: a pile that cannot say its car's draw says 0, which is no reading, and the
            // page must not take it for a car that draws nothing (its group, its kW cell).
            boolean drawMeasured = !offline && draw.map(PileMeters.Draw::measured).orElse(false);
            // The pile's report may be newer than the cycle's decision: a car unplugged since the cycle (a report of
            // state A, at which the session tracker ends its session) has no session, offer or reason in its row,
            // whatever the cycle said of it; the next cycle says the same. Until 2026-12-05 such a row was idle and
            // plugged in at once, its car charging as planned at 32 A (OverviewCarGoneTest). A pile in E or F keeps its
            // session for a while (SessionTracker.KEPT_THROUGH_FAULT), offered nothing: its row has the session, no
            // offer (until 2026-12-07 E or F ended the session too).
            boolean faulted = !offline && state.get().state().fault();
            boolean carGone = !offline && !state.get().state().plugged() && !faulted;
            boolean offered = !carGone && !faulted;
            double amps = last == null || !offered ? 0 : last.allocation().amps()[i];
            PluggedSession s = carGone ? null : sessions.get(i);
            boolean pluggedIn = s != null && !offline;
            // Charging: drawing in the last cycle, as the card counts it, by one rule (CycleSeen#charging): the row's
            // group on the page. Until 2026-12-07 the page grouped a pile given current as charging, a car that drew
            // nothing on it too, beside the card's count of those drawing. A car gone since is not.
            boolean charging = pluggedIn && seen != null && seen.charging(i);
            String reason = offline ? PileReason.PILE_OFFLINE.name()
                    : carGone || last == null || last.reasons().isEmpty() ? PileReason.NONE.name() : last.reasons().get(i).name();
            // What the cycle holds for a pile it cannot hear (its fallback, or a lease it may still hold).
            Double held = last == null ? null : last.reserved().amps().get(i);
            // A reservation saved for this car that the plan was made without: the row says it, not the plan's figures
            // of the one before (until 2026-12-07 shown for a round or two of planning, WebPageReplanningBrowserTest),
            // re-planning while a plan is coming (Awaiting#replanning).
            Optional<ReservationsAwaitingPlan.Awaiting> awaiting = s == null ? Optional.empty()
                    : awaitingPlan.of(i, s.id());
            boolean planned = s != null && awaiting.isEmpty();
            boolean replanning = awaiting.isPresent() && awaiting.get().replanning(last);
            Declaration declared = awaiting.map(ReservationsAwaitingPlan.Awaiting::declared)
                    .orElse(s == null ? null : s.declared());
            rows.add(new PileRow(i, pile.id(), pile.phase().name(), offline ? "offline" : state.get().state().name(),
                    pluggedIn, charging, amps, held, kw, drawMeasured, sessionKwh(s),
                    s == null ? null : s.arrival().toEpochMilli(),
                    planned ? finish(plan, s.id()) : null, planned ? shortKwh(plan, s.id(), declared) : null,
                    planned ? nextChargeAt(plan, s.id(), decidedAt, amps) : null,
                    declared == null || !declared.hasDeparture() ? null : declared.departure().toEpochMilli(),
                    declared == null || !declared.hasEnergy() ? null : declared.energyKWh(), reason,
                    offline ? null : state.get().fault().orElse(null), last == null ? null : last.installerA().get(i),
                    replanning, gateway.loop().reportUnplaceable(pile.id())));
        }
        certificate.get().ifPresent(kind -> conditions.add(new AlarmBoard.Condition(kind, gatewayId)));
        if (gateway.upstream() != null) {
            int kept = gateway.upstream().outbox().failing();
            if (kept > 0) {
                conditions.add(new AlarmBoard.Condition(AlarmKind.UPSTREAM_STORE_FAILING, gatewayId,
                        Integer.toString(kept)));
            }
            MqttLink link = gateway.upstream().link();
            conditions.addAll(UpstreamAlarms.conditions(link.connected(), link.commandsRefused(),
                    link.messagesRefused(), gatewayId));
        }
        gateway.storeMovedAside(now, AlarmKind.STORE_MOVED_ASIDE_FOR).ifPresent(e ->
                conditions.add(new AlarmBoard.Condition(AlarmKind.STORE_MOVED_ASIDE, gatewayId, e.subject())));
        if (gateway.store().damaged().isPresent()) {
            conditions.add(new AlarmBoard.Condition(AlarmKind.STORE_DAMAGED, gatewayId));
        }
        gateway.store().writesRefused().ifPresent(code ->
                conditions.add(new AlarmBoard.Condition(AlarmKind.STORE_WRITES_FAILING, gatewayId, code)));
        alarms.update(conditions, now);
        // Plugged in, charging, offline and unmeasured as that cycle's telemetry counts them, by one account: the
        // cycle's reports, not the rows' newer ones (until 2026-12-07 a car unplugged since the cycle was left out
        // here and counted there, OverviewCarGoneTest).
        PileCounts counts = seen == null ? new PileCounts(0, 0, 0, 0) : PileCounts.of(seen);
        return new Overview(now.toEpochMilli(), last == null ? "STARTING" : last.mode().name(), loads.transformerKw(),
                limitKw, limit.limitKw(), limit.capKw(), meter, loads.baseKw(), loads.baseBound(), loads.evKw(),
                loads.evUnmeasuredKw(), counts.plugged(), counts.charging(), counts.offline(), counts.unmeasured(),
                plan.createdAt().toEpochMilli(), rows, alarms.list(), today.get(), seen == null ? null : loads.at(),
                overdue(gateway.loop()), loads.notTaken());
    }

    /**
     * Whether the loop's last cycle is older than its bound for a stall, on the ticker: the card's loads are that
     * cycle's, no longer the present ones (the loop stopped or hangs; the health check says so too).
     */
    private static boolean overdue(ControlLoop loop) {
        return loop.sinceLastCycle().map(age -> age.compareTo(loop.overdueAfter()) > 0).orElse(false);
    }

    private static TransformerReading transformer(Reading r, Tick now) {
        OptionalDouble kw = r == null ? OptionalDouble.empty() : r.value(FieldView.TOTAL_POWER);
        return kw.isPresent() ? new TransformerReading(kw.getAsDouble(), r.readAt(), r.age(now)) : null;
    }

    /**
     * The end of the session's last slot with planned energy, or null when the plan has none for it (not planned for:
     * full, or no plan yet since it came; nothing it likely wants is worth a slot; or no room for any of it, which
     * {@link #shortKwh} says). For a while on 2026-12-06 a car the plan found no room for had the end of the
     * slots it is likely there as its finish, a lower bound the page showed as an estimate.
     */
    static Long finish(Plan plan, String sessionId) {
        SessionPlan sp = plan.session(sessionId);
        if (sp == null) {
            return null;
        }
        for (int j = plan.slotCount() - 1; j >= 0; j--) {
            if (sp.kwhInSlot(j) > 1e-6) {
                return plan.slotEnd(j) * 1000;
            }
        }
        return null;
    }

    /**
     * How much of the energy the session likely wants the plan leaves undelivered, or null: none, less than {@link
     * #SHORT_KWH_SAID}, or its resident declared neither an energy nor a departure. Then the energy and the stay are the
     * planner's own estimate from the pile's habits, and the live cycle asks for room beyond the plan for a short car
     * anyway: "short" would be a guess said as a fact. Short by the departure its resident declared, when one is still
     * ahead of the plan ({@link Plan#shortfallBy}): the page says it beside that time. Else by the departure the
     * planner finds likely ({@link SessionPlan#shortfallKWh}), which may be later: until the evening of 2026-12-06 that
     * figure was said with a declared departure too, so a car whose plan runs past it was said short by less, or not at
     * all (OverviewLateCarTest.aCarWhosePlanRunsPastItsDeclaredDepartureIsShortByWhatTheSlotsAfterItHold). With no slot
     * with energy ({@link #finish} null) the plan has it charge none of it ({@link PileRow#noEnergyPlanned}). Until
     * 2026-12-06 a car given some of its energy but not all said the end of its last planned slot as its finish, before
     * its departure, and was never late (OverviewLateCarTest).
     */
    static Double shortKwh(Plan plan, String sessionId, Declaration declared) {
        SessionPlan sp = plan.session(sessionId);
        if (sp == null || !(declared.hasEnergy() || declared.hasDeparture())) {
            return null;
        }
        boolean departureAhead = declared.hasDeparture() && declared.departure().getEpochSecond() > plan.slotStart(0);
        double shortKwh = departureAhead ? plan.shortfallBy(sessionId, declared.departure().getEpochSecond())
                : sp.shortfallKWh();
        return shortKwh >= SHORT_KWH_SAID ? shortKwh : null;
    }

    /**
     * The start of the session's first planned slot after the one holding {@code now} while it waits, or null: a pile
     * given a current ({@code amps}) charges now, whatever the plan gives it later (until 2026-12-05 its row said the
     * plan's next slot too, as a wait: NextChargeAtTest).
     */
    static Long nextChargeAt(Plan plan, String sessionId, long now, double amps) {
        if (amps > 0) {
            return null;
        }
        SessionPlan sp = plan.session(sessionId);
        int slot = plan.slotAt(now);
        if (sp == null || slot < 0) {
            return null;
        }
        for (int j = slot + 1; j < plan.slotCount(); j++) {
            if (sp.kwhInSlot(j) > 1e-6) {
                return plan.slotStart(j) * 1000;
            }
        }
        return null;
    }

    /**
     * What the session on the pile has taken; 0 without one, null when not known: its pile counts no energy (a Modbus
     * map without {@code energy.session.kwh}: the session tracker says NaN).
     */
    private static Double sessionKwh(PluggedSession s) {
        if (s == null) {
            return 0.0;
        }
        return Double.isNaN(s.deliveredKWh()) ? null : s.deliveredKWh();
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
