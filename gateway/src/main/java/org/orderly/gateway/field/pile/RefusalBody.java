package org.orderly.gateway.field.pile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.orderly.text.json.StrictJson;

/**
 * A bridge's refusal in JSON, as a bridge from 2026-12-06 on answers a limit for another pile to a gateway that asks
 * for JSON: {@code {"reason":"limit for pile \"P2\" sent to pile \"P1\"","pileId":"P1"}}, {@code pileId} the bridge's
 * own, whole. Any other refusal's body is its prose reason. Pure.
 *
 * @param reason the bridge's one-line reason, as its prose refusal says it
 * @param pileId the bridge's own pile id when the body gives one as a string
 */
record RefusalBody(String reason, Optional<String> pileId) {

    private static final ObjectMapper JSON = StrictJson.mapper();

    /** The body of a refusal in {@code contentFormat}; empty when it is not a JSON object with a string reason. */
    static Optional<RefusalBody> of(int contentFormat, byte[] payload) {
        if (contentFormat != MediaTypeRegistry.APPLICATION_JSON || payload == null || payload.length == 0) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = JSON.readTree(payload);
        } catch (IOException notJson) {
            // Not what a bridge sends: said as it came (CoapFailures), as a prose reason is, and read as one.
            return Optional.empty();
        }
        if (body == null || !body.isObject() || !body.path("reason").isTextual()) {
            return Optional.empty();
        }
        JsonNode id = body.get("pileId");
        return Optional.of(new RefusalBody(body.get("reason").textValue(),
                id != null && id.isTextual() ? Optional.of(id.textValue()) : Optional.empty()));
    }
}
