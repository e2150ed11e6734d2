package org.orderly.gateway.upstream.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

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
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("type", body.messageKind().type());
        n.put("id", id(gatewayId, seq));
        n.put("seq", seq);
        n.put("gatewayId", gatewayId);
        n.put("ts", ts.toString());
        n.setAll((ObjectNode) JSON.valueToTree(body));
        try {
            return JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.messageKind() + " message " + seq + ": " + e.getMessage(), e);
        }
    }
}
