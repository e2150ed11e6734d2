package org.orderly.gateway.web.view;

import java.time.Instant;
import java.util.Optional;
import org.orderly.text.AsWritten;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;

/**
 * The total limit the page shows in force, and the grid cap among it: the limit the last control cycle kept to
 * ({@link CycleResult#limitKw}), so that the page says what the cycle did. While the clock is not set that is the
 * lowest cap received whatever its window says; judged again by the page's own clock (1970), no cap would show while
 * the cars kept to one.
 *
 * @param limitKw  the total limit in force: the transformer's, or a lower cap's
 * @param capKw    that limit when a cap lowers it below the transformer's, else null
 * @param capUntil when the caps that set it end (the latest of them); null without a cap, or when its end is not
 *                 known: the load-control contact's holds while the contact does, and with the clock not set the cycle
 *                 keeps to the lowest cap whatever its window says
 */
record LimitInForce(double limitKw, Double capKw, Instant capUntil) {
    private static final double EPS = 1e-9;

    /** As the last cycle kept to it, at {@code now}; the transformer's before the first cycle. */
    static LimitInForce of(Compound compound, CycleResult last, Instant now) {
        double transformerKw = compound.transformer().limitKw();
        double limit = last == null ? transformerKw : last.limitKw(compound, now);
        if (limit >= transformerKw - EPS) {
            return new LimitInForce(limit, null, null);
        }
        return new LimitInForce(limit, limit, until(last, limit, now));
    }

    private static Instant until(CycleResult last, double limit, Instant now) {
        if (last.mode() == ControlMode.CLOCK_NOT_SET) {
            return null;
        }
        Instant until = null;
        for (GridCap cap : last.caps()) {
            if (cap.activeAt(now) && cap.limitKw() <= limit + EPS) {
                if (cap.id().equals(ControlCycle.LOAD_CONTROL_CAP)) {
                    return null;
                }
                until = until == null || cap.to().isAfter(until) ? cap.to() : until;
            }
        }
        return until;
    }

    /**
     * {@link AlarmKind#GRID_CAP} on the gateway while a cap lowers the limit, its detail the cap and its end where
     * known: {@code 90 kW until 2026-12-04T15:01:00Z} (the page says the time in the gateway's zone), else {@code 90 kW}.
     */
    Optional<AlarmBoard.Condition> condition(String gatewayId) {
        if (capKw == null) {
            return Optional.empty();
        }
        String detail = AsWritten.number(capKw) + " kW" + (capUntil == null ? "" : " until " + capUntil);
        return Optional.of(new AlarmBoard.Condition(AlarmKind.GRID_CAP, gatewayId, detail));
    }
}
