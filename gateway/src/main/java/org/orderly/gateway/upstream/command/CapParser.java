package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Validates a {@code cmd/cap} payload: {@code {"v":1,"id":..,"from":..,"to":..,"limitKw":..}}. Rejected: more than
 * {@code maxPayloadBytes}, not a JSON object, another version, a missing or ill-typed field, {@code to} not after
 * {@code from}, already over, starting beyond the lead time, longer than the maximum, or a limit outside 0..the
 * transformer's limit. Unknown fields are ignored, as in every message of the contract.
 */
public final class CapParser {

    private final CommandLimits limits;
    private final double transformerLimitKw;

    public CapParser(CommandLimits limits, double transformerLimitKw) {
        this.limits = limits;
        this.transformerLimitKw = transformerLimitKw;
    }

    public Parsed<CapCommand> parse(byte[] payload, Instant now) {
        JsonNode o;
        try {
            o = JsonFields.object(payload, limits.maxPayloadBytes());
        } catch (JsonFields.Invalid e) {
            return new Parsed.Bad<>(null, e.getMessage());
        }
        try {
            JsonFields.version(o);
            String id = JsonFields.id(o);
            JsonFields.Window window = JsonFields.window(o);
            Instant from = window.from();
            Instant to = window.to();
            double limitKw = JsonFields.number(o, "limitKw");
            if (!to.isAfter(now)) {
                throw new JsonFields.Invalid("expired: the cap ended at " + to + ", before now (" + now + ")");
            }
            if (Duration.between(now, from).compareTo(limits.capLeadTime()) > 0) {
                throw new JsonFields.Invalid("out of range: from " + from + " is more than " + limits.capLeadTime()
                        + " ahead");
            }
            if (Duration.between(from, to).compareTo(limits.capMaxLength()) > 0) {
                throw new JsonFields.Invalid("out of range: the cap lasts longer than " + limits.capMaxLength());
            }
            if (limitKw < 0 || limitKw > transformerLimitKw) {
                throw new JsonFields.Invalid("out of range: limitKw " + limitKw + " must be within 0.."
                        + transformerLimitKw + " (the transformer's limit)");
            }
            return new Parsed.Ok<>(new CapCommand(id, from, to, limitKw));
        } catch (JsonFields.Invalid e) {
            return new Parsed.Bad<>(JsonFields.idOrNull(o), e.getMessage());
        }
    }
}
