package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * How a command over a window of time is read ({@code cmd/cap}, {@code cmd/history}): one JSON object within the
 * payload limit, contract version 1, no {@code gatewayId} or this gateway's, an {@code id}, a {@code from} before a
 * {@code to}; then what the command itself asks. Refused with its id as far as that was readable, so that the grid side
 * can match the reply.
 */
final class WindowedCommand {
    private WindowedCommand() {
    }

    /** The command's own fields and checks, once the envelope is read: its value, or {@link JsonFields.Invalid}. */
    @FunctionalInterface
    interface Body<T> {
        T read(JsonNode o, String id, Instant from, Instant to) throws JsonFields.Invalid;
    }

    static <T> Parsed<T> parse(byte[] payload, int maxPayloadBytes, String gatewayId, Body<T> body) {
        JsonNode o;
        try {
            o = JsonFields.object(payload, maxPayloadBytes);
        } catch (JsonFields.Invalid e) {
            // Not read: the id as the payload's beginning says it, so that the grid side can match the reply.
            return new Parsed.Bad<>(JsonFields.idOrNull(payload, maxPayloadBytes), e.getMessage());
        }
        try {
            JsonFields.version(o);
            JsonFields.gateway(o, gatewayId);
            String id = JsonFields.id(o);
            JsonFields.Window window = JsonFields.window(o);
            return new Parsed.Ok<>(body.read(o, id, window.from(), window.to()));
        } catch (JsonFields.Invalid e) {
            return new Parsed.Bad<>(JsonFields.idOrNull(o), e.getMessage());
        }
    }
}
