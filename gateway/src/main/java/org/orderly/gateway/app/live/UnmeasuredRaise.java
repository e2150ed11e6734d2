package org.orderly.gateway.app.live;

import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.FollowHold;
import org.orderly.gateway.core.model.Compound;

/**
 * A raise of a pile that does not say what its car draws (a Modbus pile without a power register, its bus meter not
 * read), taken halfway. Nothing of such a car's draw comes off the meter's total, so whatever it draws is the
 * households' at the next reading: given all the room a line has, it looked to have taken that room from the households,
 * was cut to 0 the next cycle, and paused for its settle time before it was given the room again (a car 1 s on, 30 s
 * off, ControlCycleUnmeasuredDrawRoomTest). Taking its draw off instead would make the households look lighter by a
 * draw that may not be there (a car that is full draws nothing), for as long as the pile is given anything.
 *
 * <p>The room each cycle leaves it is what the households leave less what it draws: with R the households' room, an
 * offer it takes whole leaves it R less that offer, so only an offer of at most half of R is still there the next
 * cycle. Raised halfway from the offer in force, it settles near that half and then stays there; a cut passes whole
 * and at once, and no offer is ever more than the cycle allowed. A raise within {@link FollowHold#FOLLOWED_WITHIN_A}
 * passes whole (a raise of 2 A passed whole could be cut back by as much the next cycle, every cycle), so with ample
 * room a car is raised to its maximum in a few cycles, or to within the live policy's steadiness of it (1 A, a change
 * of its ask it does not pass on); a halfway below the pile's least current is that current, where the cycle allowed
 * as much. Where half of R is below the least current no offer
 * can stay: the car is then given its least current and cut in turn, as often as its settle time allows.
 */
final class UnmeasuredRaise {
    private UnmeasuredRaise() {
    }

    /**
     * @param allowed  what this cycle allows each pile
     * @param inForceA per pile, the offer in force as the cycle began
     * @param drawA    per pile, the current its car drew as reported; NaN where the pile does not say
     * @return {@code allowed}, each pile that does not say its draw raised at most halfway from its offer in force
     */
    static Allocation halfway(Compound compound, Allocation allowed, double[] inForceA, double[] drawA) {
        double[] amps = null;
        for (int i = 0; i < drawA.length; i++) {
            double a = allowed.amps()[i];
            if (!Double.isNaN(drawA[i]) || a <= inForceA[i] + FollowHold.FOLLOWED_WITHIN_A) {
                continue;
            }
            if (amps == null) {
                amps = allowed.amps().clone();
            }
            double half = inForceA[i] + (a - inForceA[i]) / 2;
            amps[i] = Math.max(half, Math.min(a, compound.pile(i).minCurrentA()));
        }
        return amps == null ? allowed : new Allocation(amps, allowed.limitedBy());
    }
}
