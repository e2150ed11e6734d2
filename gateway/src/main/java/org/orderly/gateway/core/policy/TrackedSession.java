package org.orderly.gateway.core.policy;

import org.orderly.gateway.core.estimate.SessionBelief;
import org.orderly.gateway.core.session.PluggedSession;

/** What the Orderly policy has learned of one plugged session while watching it. */
final class TrackedSession {
    /** Formed at plug-in; formed again when a declaration arrives later. */
    SessionBelief belief;
    PluggedSession last;
    /** Most power the vehicle has shown it can draw (it drew less than offered), or NaN. */
    double maxKwSeen = Double.NaN;
    /**
     * The most it has drawn in any cycle. A car can draw at least that: a last cycle that took only what was left
     * before the car was full, or a full car's taper, draws less than offered without being the charger's limit.
     */
    double peakDrawKw;
    /**
     * It has drawn once since it was plugged in, offered its pile's maximum or as much as the live room allowed. Until
     * then it is planned as {@link PileCars} says, and its first planned draw is offered at the pile's maximum (the
     * probe).
     */
    boolean probed;
    /** How many plans had been asked for when its probe was answered: a plan asked for after knows what it can draw. */
    int asksBeforeProbed;
    /** The vehicle stopped drawing while offered current: it is full. */
    boolean full;
    double offeredKw;
    /**
     * It was drawing when first seen, on a limit this policy did not give (a lease of the gateway's last run, or its
     * pile's own safe current), and no plan of this policy for it has been in force since. It goes on drawing while its
     * first plan is made, and a stop by that plan is not followed by the settle time: the policy had not started it.
     */
    boolean drawingUnplanned;
    /** Since when it has drawn nothing while offered current (epoch seconds), or Long.MIN_VALUE. */
    long idleSince = Long.MIN_VALUE;
    /** Since when it has drawn less than offered, or Long.MIN_VALUE. */
    long belowOfferSince = Long.MIN_VALUE;
    final SlotBudget slot = new SlotBudget();
    /** Its energy as the policy tells it when its pile counts none ({@code PluggedSession.deliveredKWh} NaN). */
    final UncountedEnergy uncounted = new UncountedEnergy();
    /** Its energy by now, for the rate of its slot. */
    final EnergyCount count = new EnergyCount();
    /** The cycles in a row it has waited for a plan that plans for it ({@code OrderlyPolicy.waitsForPlan}). */
    int cyclesWaitedForPlan;
    /** When it was last stopped (epoch seconds), and why. */
    long stoppedAt = Long.MIN_VALUE;
    PileReason reasonAtStop;

    TrackedSession(SessionBelief belief, PluggedSession first) {
        this.belief = belief;
        this.last = first;
    }
}
