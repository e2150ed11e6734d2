package org.orderly.gateway.app;

import java.util.List;
import java.util.function.IntPredicate;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.field.pile.PileDriver;

/**
 * Hands each cycle's amperes to every pile driver. A driver sends only values that changed and refreshes
 * the standing one as a lease itself, but only while the control loop keeps offering it: so every value
 * is offered every cycle, and a control loop that stops lets the leases lapse. {@code offer} never
 * blocks. Used on the control thread only.
 *
 * <p>A pile not heard from since the gateway started is offered nothing: it stays on what it was last told, a lease of
 * the gateway's last run or its own safe current, until it is heard from or its lease lapses. The cycle holds the room
 * of that lease for it (its maximum) meanwhile, and only once it is heard does the policy know whether a car on it is
 * charging. A 0 A sent first would pause every charging car for the cycles of a restart, cycling its pile's contactor
 * and its charger.
 */
final class SetpointSender {
    private final List<PileDriver> drivers;

    SetpointSender(List<PileDriver> drivers) {
        this.drivers = drivers;
    }

    /**
     * Offers this cycle's values to the piles heard from since the start that the cycle offers to
     * ({@code ControlCycle.offeredYet}: not one whose first report came after the meter was read, for that cycle).
     *
     * @param piles   each pile's latest observation
     * @param offered whether the cycle's value is for the pile of that index
     */
    void send(double[] amps, List<PileObservation> piles, IntPredicate offered) {
        for (PileObservation p : piles) {
            if (p.reported() && offered.test(p.pileIndex())) {
                drivers.get(p.pileIndex()).offer(Math.max(0, amps[p.pileIndex()]));
            }
        }
    }
}
