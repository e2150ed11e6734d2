package org.orderly.gateway.upstream.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.orderly.gateway.core.time.ClockStep;

/**
 * Writes a message as the contract has it (docs/upstream.md): one JSON object holding the envelope ({@code v},
 * {@code type}, {@code id}, {@code seq}, {@code gatewayId}, {@code ts}) and, beside it, the body's fields.
 */
public final class Envelope {
    /** The contract's major version; a consumer rejects any other. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = mapper();

    private Envelope() {
    }

    /** The shared mapper: ISO-8601 instants, nulls written (a null says "unknown"). */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The message id of number {@code seq}: unique per gateway, what consumers de-duplicate by. */
    public static String id(String gatewayId, long seq) {
        return gatewayId + ":" + seq;
    }

    public static byte[] render(String gatewayId, long seq, Instant ts, Body body) {
        return render(gatewayId, seq, ts, body, true);
    }

    /**
     * As above; {@code clockSet} false adds the optional field {@code "clockSet": false}: the gateway's clock was not
     * set, so {@code ts} is not the time the message is about but a lower bound of it (docs/upstream.md, "state").
     */
    public static byte[] render(String gatewayId, long seq, Instant ts, Body body, boolean clockSet) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("type", body.messageKind().type());
        n.put("id", id(gatewayId, seq));
        n.put("seq", seq);
        n.put("gatewayId", gatewayId);
        n.put("ts", ts.toString());
        if (!clockSet) {
            n.put("clockSet", false);
        }
        n.setAll((ObjectNode) JSON.valueToTree(body));
        try {
            return JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.messageKind() + " message " + seq + ": " + e.getMessage(), e);
        }
    }

    /**
     * A message stored while the clock was not set, its times corrected by the step that set it
     * ({@link ClockStep#correct}: those the unset clock can have given): the envelope's {@code ts}; in a plan,
     * {@code createdAt} and its slots' bounds; in a session, its arrival, departure and declared departure.
     */
    public static byte[] restamp(byte[] payload, ClockStep step) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(payload);
            shift(n, "ts", step);
            String type = n.path("type").asText();
            if (type.equals(MessageKind.PLAN.type())) {
                shift(n, "createdAt", step);
                for (JsonNode slot : n.path("slots")) {
                    shift((ObjectNode) slot, "start", step);
                    shift((ObjectNode) slot, "end", step);
                }
            } else if (type.equals(MessageKind.SESSION.type())) {
                shift(n, "arrival", step);
                shift(n, "departure", step);
                shift(n, "declaredDeparture", step);
            }
            return JSON.writeValueAsBytes(n);
        } catch (IOException | ClassCastException | DateTimeParseException e) {
            throw new IllegalStateException("cannot restamp a stored message (" + payload.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    private static void shift(ObjectNode n, String field, ClockStep step) {
        JsonNode v = n.get(field);
        if (v != null && v.isTextual()) {
            n.put(field, step.correct(Instant.parse(v.asText())).toString());
        }
    }
}
