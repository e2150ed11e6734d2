package org.orderly.gateway.upstream.command;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.text.SaidDuration;

/**
 * Validates a {@code cmd/cap} payload: {@code {"v":1,"id":..,"from":..,"to":..,"limitKw":..}}. Rejected: more than
 * {@code maxPayloadBytes}, not a JSON object, another version, a {@code gatewayId} naming another gateway, a missing or
 * ill-typed field, {@code to} not after
 * {@code from}, already over, starting beyond the lead time, longer than the maximum, or a limit outside 0..the
 * transformer's limit. Unknown fields are ignored, as in every message of the contract. While the gateway's clock is
 * not set, a cap is neither expired nor too far ahead: that clock cannot tell.
 */
public final class CapParser {

    private final String gatewayId;
    private final CommandLimits limits;
    private final double transformerLimitKw;
    private final ClockFloor floor;

    /**
     * @param gatewayId this gateway's id: a cap whose {@code gatewayId} names another is refused
     * @param floor the gateway's clock floor: while the clock is earlier (not set), a cap's window is not judged
     *              against
     *              it (a clock at 1970 would find every cap "more than 7 days ahead", and a rejection is final: the
     *              grid
     *              side does not send it again). The cycle keeps to every cap whatever its window while the clock is
     *              not
     *              set, and judges the windows once it is.
     */
    public CapParser(String gatewayId, CommandLimits limits, double transformerLimitKw, ClockFloor floor) {
        this.gatewayId = gatewayId;
        this.limits = limits;
        this.transformerLimitKw = transformerLimitKw;
        this.floor = floor;
    }

    /** The {@code id} of a cap refused before it is read in full (for its reply), or null when unreadable. */
    public String idOf(byte[] payload) {
        return JsonFields.idOrNull(payload, limits.maxPayloadBytes());
    }

    public Parsed<CapCommand> parse(byte[] payload, Instant now) {
        return parse(payload, now, c -> false);
    }

    /**
     * As {@link #parse(byte[], Instant)}, but a cap {@code known} (accepted before, with the same values) is read as it
     * is, however late: the grid side sends a cap again until it is answered, and a repeat that comes after the cap
     * ended must still be recognised as one, not rejected as expired.
     */
    public Parsed<CapCommand> parse(byte[] payload, Instant now, Predicate<CapCommand> known) {
        return WindowedCommand.parse(payload, limits.maxPayloadBytes(), gatewayId, (o, id, from, to) -> {
            double limitKw = JsonFields.number(o, "limitKw");
            CapCommand cap = new CapCommand(id, from, to, limitKw);
            if (known.test(cap)) {
                return cap;
            }
            boolean clockSet = floor.plausible(now);
            if (clockSet && !to.isAfter(now)) {
                throw new JsonFields.Invalid("expired: the cap ended at " + to + ", before now (" + now + ")");
            }
            if (clockSet && Duration.between(now, from).compareTo(limits.capLeadTime()) > 0) {
                throw new JsonFields.Invalid("out of range: from " + from + " is more than "
                        + SaidDuration.of(limits.capLeadTime()) + " ahead");
            }
            if (Duration.between(from, to).compareTo(limits.capMaxLength()) > 0) {
                throw new JsonFields.Invalid("out of range: the cap lasts longer than "
                        + SaidDuration.of(limits.capMaxLength()));
            }
            if (limitKw < 0 || limitKw > transformerLimitKw) {
                throw new JsonFields.Invalid("out of range: limitKw " + limitKw + " must be within 0.."
                        + transformerLimitKw + " (the transformer's limit)");
            }
            return cap;
        });
    }
}
