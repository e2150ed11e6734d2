package org.orderly.gateway.core.limit;

/**
 * The Limiter's answer: amperes per pile index (0, or within the pile's [min, max]) and, for each
 * pile given less than it asked for, the node that stopped it (-1 when it got what it asked).
 */
public record Allocation(double[] amps, int[] limitedBy) {
}
