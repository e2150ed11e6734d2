package org.orderly.gateway.core.policy;

/**
 * What the plan in force asks of one plugged session now, before any live room: at most {@code mostA} amperes (0: it
 * holds the session, for {@code reason}), and how urgent the session is ({@code laxityHours}, as the plan has it). For a
 * cycle that does not know the live room: the safe EV power of conservative mode is shared within it.
 */
public record PlannedNow(int pileIndex, double mostA, double laxityHours, PileReason reason) {
}
