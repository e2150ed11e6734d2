package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Validates a {@code cmd/history} payload: {@code {"v":1,"id":..,"from":..,"to":..}}, at most
 * {@code historyMaxSpan} long and not reaching into the future.
 */
public final class HistoryParser {
    private final CommandLimits limits;

    public HistoryParser(CommandLimits limits) {
        this.limits = limits;
    }

    /** The {@code id} of a history request refused before it is read in full (for its reply), or null when unreadable. */
    public String idOf(byte[] payload) {
        return JsonFields.idOrNull(payload, limits.maxPayloadBytes());
    }

    public Parsed<HistoryRequest> parse(byte[] payload, Instant now) {
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
            if (Duration.between(from, to).compareTo(limits.historyMaxSpan()) > 0) {
                throw new JsonFields.Invalid("out of range: at most " + limits.historyMaxSpan() + " per request");
            }
            if (from.isAfter(now)) {
                throw new JsonFields.Invalid("out of range: from " + from + " is in the future");
            }
            return new Parsed.Ok<>(new HistoryRequest(id, from, to));
        } catch (JsonFields.Invalid e) {
            return new Parsed.Bad<>(JsonFields.idOrNull(o), e.getMessage());
        }
    }
}
