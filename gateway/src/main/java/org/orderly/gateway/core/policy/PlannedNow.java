package org.orderly.gateway.core.policy;

/**
 * What the plan in force asks of one plugged session now, before any live room: {@code plannedA} amperes, what its
 * plan has it draw now, and {@code extraA} more it may take beyond that if power is left once every planned draw is
 * served (a session the plan could not fully serve, or one drawing ahead of its plan); nothing at all when the plan
 * holds it, for {@code reason} ({@link PileReason#NONE} while it waits for a plan that plans for it: the cycle's own
 * reason stands); and how urgent the session is ({@code laxityHours}, as the plan has it). For a cycle
 * that does not know the live room: the safe EV power of conservative mode is shared within it, the planned draws
 * first.
 */
public record PlannedNow(int pileIndex, double plannedA, double extraA, double laxityHours, PileReason reason) {

    /** The most the session takes: its planned draw and its extra. */
    public double mostA() {
        return plannedA + extraA;
    }
}
