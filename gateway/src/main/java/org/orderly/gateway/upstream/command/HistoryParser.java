package org.orderly.gateway.upstream.command;

import java.time.Duration;
import java.time.Instant;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.text.SaidDuration;

/**
 * Validates a {@code cmd/history} payload: {@code {"v":1,"id":..,"from":..,"to":..}}, at most
 * {@code historyMaxSpan} long and not reaching into the future; refused while the gateway's clock is not set, and when
 * its {@code gatewayId} names another gateway.
 */
public final class HistoryParser {
    private final String gatewayId;
    private final CommandLimits limits;
    private final ClockFloor floor;

    /**
     * @param gatewayId this gateway's id: a request whose {@code gatewayId} names another is refused
     * @param floor the gateway's clock floor: while the clock is earlier (not set), a request is refused as such
     */
    public HistoryParser(String gatewayId, CommandLimits limits, ClockFloor floor) {
        this.gatewayId = gatewayId;
        this.limits = limits;
        this.floor = floor;
    }

    /** The {@code id} of a history request refused before it is read in full (for its reply), or null when unreadable. */
    public String idOf(byte[] payload) {
        return JsonFields.idOrNull(payload, limits.maxPayloadBytes());
    }

    public Parsed<HistoryRequest> parse(byte[] payload, Instant now) {
        return WindowedCommand.parse(payload, limits.maxPayloadBytes(), gatewayId, (o, id, from, to) -> {
            if (Duration.between(from, to).compareTo(limits.historyMaxSpan()) > 0) {
                throw new JsonFields.Invalid("out of range: at most " + SaidDuration.of(limits.historyMaxSpan())
                        + " per request");
            }
            if (!floor.plausible(now)) {
                // Said as such, not as a request "in the future": the records are stamped by that clock too.
                throw new JsonFields.Invalid("clock not set: the gateway's clock says " + now + ", earlier than "
                        + floor.at() + " (" + floor.source() + "); ask again once it is set");
            }
            if (from.isAfter(now)) {
                throw new JsonFields.Invalid("out of range: from " + from + " is in the future");
            }
            return new HistoryRequest(id, from, to);
        });
    }
}
