package org.orderly.gateway.core.plan;

import org.orderly.gateway.core.estimate.SessionBelief;

/**
 * A plugged session as the Planner needs it: where it is, what is believed of it, what it has
 * taken, and the most power its vehicle is known (or assumed) to draw.
 */
public record PlanSession(String id, int pileIndex, SessionBelief belief, double deliveredKWh, double maxKw) {
}
