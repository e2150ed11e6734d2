package org.orderly.gateway.web.view;

import java.time.Instant;
import java.util.Optional;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;

/**
 * The total limit the page shows in force, and the grid cap among it: the limit the last control cycle kept to
 * ({@link CycleResult#limitKw}), so that the page says what the cycle did. While the clock is not set that is the
 * lowest cap received whatever its window says; judged again by the page's own clock (1970), no cap would show while
 * the cars kept to one.
 *
 * @param limitKw the total limit in force: the transformer's, or a lower cap's
 * @param capKw   that limit when a cap lowers it below the transformer's, else null
 */
record LimitInForce(double limitKw, Double capKw) {
    private static final double EPS = 1e-9;

    /** As the last cycle kept to it, at {@code now}; the transformer's before the first cycle. */
    static LimitInForce of(Compound compound, CycleResult last, Instant now) {
        double transformerKw = compound.transformer().limitKw();
        double limit = last == null ? transformerKw : last.limitKw(compound, now);
        return new LimitInForce(limit, limit < transformerKw - EPS ? limit : null);
    }

    /** {@link AlarmKind#GRID_CAP} on the gateway while a cap lowers the limit. */
    Optional<AlarmBoard.Condition> condition(String gatewayId) {
        return capKw == null ? Optional.empty() : Optional.of(new AlarmBoard.Condition(AlarmKind.GRID_CAP, gatewayId));
    }
}
