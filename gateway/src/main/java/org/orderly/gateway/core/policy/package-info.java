/**
 * Charging policies: what decides every pile's current each cycle. {@link
 * org.orderly.gateway.core.policy.OrderlyPolicy} is the product (Planner plus Limiter); the
 * others are the baselines it is measured against. The live gateway and {@code orderly simulate}
 * call the same {@link org.orderly.gateway.core.policy.ChargingPolicy#decide} once per cycle.
 */
package org.orderly.gateway.core.policy;
