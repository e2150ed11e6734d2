/**
 * The scheduling core: the compound, its tariff, the sessions on its piles, and the Planner and
 * Limiter that decide every pile's current. Pure Java: no I/O, no threads, no wall clock. Time
 * reaches the core only through an injected {@link java.time.Clock} or an explicit instant, so a
 * live gateway and {@code orderly simulate} run the very same code against two clocks.
 */
package org.orderly.gateway.core;
