package org.orderly.gateway.app.live;

/**
 * The households' load one cycle kept to, as the page's card and the upstream telemetry both say it
 * ({@link CycleSeen#households}).
 *
 * @param kw    the load the cycle counted as the households' ({@link CycleResult#baseKw})
 * @param bound whether {@code kw} is an upper bound, not a measurement ({@link CycleResult#householdFigure})
 */
public record Households(double kw, boolean bound) {
}
