package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

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
            CapCommand cap = new CapCommand(id, from, to, limitKw);
            if (known.test(cap)) {
                return new Parsed.Ok<>(cap);
            }
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
            return new Parsed.Ok<>(cap);
        } catch (JsonFields.Invalid e) {
            return new Parsed.Bad<>(JsonFields.idOrNull(o), e.getMessage());
        }
    }
}
