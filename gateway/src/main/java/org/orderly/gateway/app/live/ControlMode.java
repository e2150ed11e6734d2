package org.orderly.gateway.app.live;

/**
 * How the cycle decided: normally; conservatively because the transformer reading is stale; or, while the wall clock
 * is earlier than it can be ({@link org.orderly.gateway.core.time.ClockFloor}), without the policy, whose plans go by
 * the time of day (prices, the household load's daily shape, departures).
 */
public enum ControlMode {
    NORMAL, CONSERVATIVE, CLOCK_NOT_SET
}
