package org.orderly.gateway.app.live;

import java.util.List;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * One cycle's outcome: the amperes per pile, the mode, the household load it assumed (NaN when
 * unknown), and the sessions plugged in.
 */
public record CycleResult(Allocation allocation, ControlMode mode, double baseKw, List<PluggedSession> plugged) {
}
