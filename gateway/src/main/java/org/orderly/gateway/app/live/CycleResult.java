package org.orderly.gateway.app.live;

import org.orderly.gateway.core.limit.Allocation;

/** One cycle's outcome: the amperes per pile, the mode, and the household load it assumed (NaN when unknown). */
public record CycleResult(Allocation allocation, ControlMode mode, double baseKw) {
}
