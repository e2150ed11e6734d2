package org.orderly.gateway.upstream.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

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
     * A stored message with its times moved by {@code by}: the envelope's {@code ts} and, in a plan, {@code createdAt}
     * and its slots' bounds (a session's are corrected before it is stored). For messages stamped while the clock was
     * not set, once the step that set it is known.
     */
    public static byte[] restamp(byte[] payload, Duration by) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(payload);
            shift(n, "ts", by);
            if (n.path("type").asText().equals(MessageKind.PLAN.type())) {
                shift(n, "createdAt", by);
                for (JsonNode slot : n.path("slots")) {
                    shift((ObjectNode) slot, "start", by);
                    shift((ObjectNode) slot, "end", by);
                }
            }
            return JSON.writeValueAsBytes(n);
        } catch (IOException | ClassCastException | DateTimeParseException e) {
            throw new IllegalStateException("cannot restamp a stored message (" + payload.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    private static void shift(ObjectNode n, String field, Duration by) {
        JsonNode v = n.get(field);
        if (v != null && v.isTextual()) {
            n.put(field, Instant.parse(v.asText()).plus(by).toString());
        }
    }
}
