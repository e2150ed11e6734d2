package org.orderly.gateway.web.view;

import java.util.List;
import org.orderly.gateway.app.live.ReadingNotTaken;
import org.orderly.gateway.web.alarm.Alarm;

/**
 * What the page shows live, sent once a second. kW values are NaN-free: an unknown value is null.
 *
 * @param limitNowKw the limit in force now as the last control cycle kept to it ({@link LimitInForce}): the
 *                   transformer's, or a lower grid cap
 * @param capKw      the active grid cap's limit, or null
 * @param meter      whether {@code transformerKw} is the present load and, when it is null, why; each phase's load
 *                   against the per-phase limit
 * @param baseBound  whether {@code baseKw}, the households' load the last cycle kept to, is an upper bound, not a
 *                   measurement (a car's draw not known to be in the reading counted in it), as telemetry's
 *                   {@code baseBound}; null with {@code baseKw}
 * @param evKw       what the piles heard from draw (an offline pile's last report left out), measured or not
 * @param evUnmeasuredKw the part of {@code evKw} no pile measured (a silent pile meter's estimate), as telemetry's
 * @param unmeasured piles heard from with a car plugged in whose draw the pile does not measure (a silent pile meter, a
 *                   Modbus map without a power register, which says 0), as telemetry's {@code piles.unmeasured}
 * @param plugged    piles heard from with a car plugged in (an offline pile is in neither this nor {@code charging}),
 *                   as telemetry's {@code piles.plugged}: this, {@code charging}, {@code offline} and {@code unmeasured}
 *                   are the last cycle's, counted as that cycle's telemetry counts them ({@code PileCounts}); until
 *                   2026-12-07 this and {@code unmeasured} were the pile reports newer than the cycle
 * @param charging   piles the last cycle heard drawing more than 0.1 kW, as telemetry's {@code piles.charging}
 *                   ({@code CycleSeen#charging}; until 2026-12-07 the piles given current this cycle)
 * @param offline    piles the control cycle found offline ({@code PILE_OFFLINE}), as telemetry's {@code piles.offline}
 *                   (a pile not heard from yet since the start shows so in its row, but is not counted before)
 * @param planAt     when the plan the last cycle decided with was made (epoch ms; 0 before the first plan is made):
 *                   the page redraws its chart, which draws that plan, when this changes
 * @param today      today's figures, recomputed about once a minute; null until their first computation after the start
 * @param loadsAt    when the last control cycle ran (epoch ms; null before the first): {@code transformerKw},
 *                   {@code evKw}, {@code evUnmeasuredKw} and {@code baseKw} are all of that cycle, one instant
 *                   ({@link CardLoads}), so that the households are never more than the load they are part of; until
 *                   2026-12-06 the transformer's and the EV load were the newest readings, the households the cycle's
 * @param loadsOverdue whether that cycle is older than the control loop's bound for a stall
 *                   ({@code ControlLoop.overdueAfter}, as the health check and the telemetry judge it): the loads are
 *                   no longer the present ones, and the page says so; until late on 2026-12-06 a stalled loop's card kept its
 *                   last loads as if present, with only the "as of" time to tell (OverviewOneInstantTest)
 * @param readingNotTaken why {@code transformerKw} is null where the meter answers ({@link ReadingNotTaken}: flowing
 *                   back, no number, beyond the transformer, below the piles' draw, lacking a line; the cause the alarm
 *                   says, judged once: ReadingNotTaken#why); null otherwise. Added 2026-12-07: until then the card said
 *                   no line of why for such a reading, or that it was stale
 */
public record Overview(long at, String mode, Double transformerKw, double limitKw, double limitNowKw, Double capKw,
                       MeterView meter, Double baseKw, Boolean baseBound, double evKw, double evUnmeasuredKw, int plugged, int charging,
                       int offline, int unmeasured, long planAt,
                       List<PileRow> piles, List<Alarm> alarms, Today today, Long loadsAt,
                       boolean loadsOverdue, ReadingNotTaken readingNotTaken) {
}
