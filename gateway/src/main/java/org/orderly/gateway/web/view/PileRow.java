package org.orderly.gateway.web.view;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One pile as the page shows it. Times are epoch milliseconds (null when unknown); {@code state} is the IEC 61851
 * state the pile last reported ("A".."F"), or "offline" when it has not been heard from for a while.
 *
 * @param reason       the control cycle's reason for this cycle's current ({@code PileReason} name; PILE_OFFLINE also for
 *                     a pile not heard from before the first cycle)
 * @param amps         the current the cycle gives the pile (none to an offline one)
 * @param heldAmps     the current the cycle holds for a pile it cannot hear, off the transformer's and its lines' room:
 *                     what the pile may offer on its own ({@code CycleResult.reserved()}); null for a pile heard from
 * @param plugged      a car plugged in, as the pile last said; false for an offline pile (not known)
 * @param charging     plugged in and drawing more than 0.1 kW in the last cycle ({@code CycleSeen#charging}), as the
 *                     card's {@code charging} counts it: the page's 充电中 / Charging group. A car given current that
 *                     draws no more is not (full, or not started: the page's group of those given current, not
 *                     drawing); added 2026-12-07, when the page grouped a pile by its current
 * @param kw           what the pile draws, as it last said; null for an offline pile: its last report is not what it
 *                     draws now
 * @param drawMeasured whether a meter measured {@code kw} (the pile's own or its bus meter): false where the pile does not
 *                     say what its car draws (a Modbus pile map without a power register: its 0 is no reading) or says
 *                     an estimate (a bridge whose meter is silent), and for an offline pile; added 2026-12-07, when a
 *                     car given current on a pile that cannot say its draw was grouped as not drawing
 * @param sessionKwh   what the session's car has taken (0 without a session); null when not known: its pile counts
 *                     no energy
 * @param finishAt     when the plan expects the session's energy to be delivered (end of its last planned slot); null
 *                     when it plans none of it ({@code shortKwh} then says whether for want of room)
 * @param shortKwh     how much of the energy the session likely wants the plan leaves undelivered (kWh) by the
 *                     departure its resident declared, else before it likely leaves (the planner's shortfall); null
 *                     when none (under 0.1 kWh), or when its resident declared
 *                     neither an energy nor a departure: then both are the planner's estimate, not the resident's word
 *                     ({@code OverviewBuilder.shortKwh}). With {@code finishAt} null, it is not planned to charge
 *                     before it leaves at all ({@link #noEnergyPlanned})
 * @param nextChargeAt the start of the session's next planned slot after now, when it waits
 * @param fault        why the pile holds itself in fault, as its bridge sent it (several joined by "; "); null when
 *                     it says none or is offline
 * @param limitAmps    the installer's limit on the pile the last cycle kept to ({@code POST /api/piles/{id}/limit};
 *                     0: paused), car or none, whatever its reason; null when it has none. It has no end: it stands
 *                     until lifted, or until a restart
 * @param replanning   a reservation was saved for the car that the plan read was made without (the control loop applies
 *                     it at its next cycle, the plan made after it comes a round or two of planning later): the row's
 *                     declared departure and energy are the saved reservation's, and its {@code finishAt},
 *                     {@code shortKwh} and {@code nextChargeAt} null, the plan's being of the reservation before
 *                     ({@code app.ReservationsAwaitingPlan}); added 2026-12-07, additive
 * @param reportUnplaceable the pile's last report could not be placed in time (a duration it gives reaches before any
 *                     instant: its clock, or its bridge's, to check): the cycle takes the pile as not heard, its last
 *                     placed report standing until it is offline ({@code app.FieldView}); added 2026-12-07, additive
 */
public record PileRow(int index, String id, String phase, String state, boolean plugged, boolean charging, double amps,
                      Double heldAmps,
                      Double kw, boolean drawMeasured, Double sessionKwh, Long arrivalAt, Long finishAt,
                      Double shortKwh, Long nextChargeAt,
                      Long declaredDepartureAt, Double declaredKwh, String reason, String fault, Double limitAmps,
                      boolean replanning, boolean reportUnplaceable) {
    /**
     * The plan leaves the session short and gives it no slot with energy: when it would be full is not known, only that
     * it is not before it leaves. In the API as its own field since 2026-12-06, said from {@code shortKwh}.
     */
    @JsonProperty("noEnergyPlanned")
    public boolean noEnergyPlanned() {
        return noEnergyPlanned(shortKwh, finishAt);
    }

    static boolean noEnergyPlanned(Double shortKwh, Long finishAt) {
        return shortKwh != null && finishAt == null;
    }
}
