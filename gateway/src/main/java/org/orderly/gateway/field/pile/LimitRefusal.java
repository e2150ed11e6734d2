package org.orderly.gateway.field.pile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * What a bridge's refusal of a limit that named the pile ({@code "pileId"}) says of the bridge: that it is another
 * pile's, or that it does not take the key, an older bridge's {@code 4.00 unknown key "pileId"; ...}. Any other refusal
 * says neither. A bridge from 2026-12-06 on says another pile's id whole in a JSON body ({@link RefusalBody}); one of
 * the first build that took {@code pileId} only in its prose reason, {@code 4.03 limit for pile "p0" sent to pile "p1"},
 * an id over 40 characters cut there ({@code "..."} after its quote). Pure.
 */
sealed interface LimitRefusal {

    /**
     * The bridge is pile {@code bridgeSays}'s: whole, or when {@code cut}, only its first 40 characters (a prose
     * reason's), which are not an id to hold the bridge by.
     */
    record AnotherPile(String bridgeSays, boolean cut) implements LimitRefusal {
    }

    /** The bridge refuses {@code pileId} as a key it does not know: an older one than its last {@code /info} said. */
    record PileIdUnknown() implements LimitRefusal {
    }

    Pattern ANOTHER_PILE = Pattern.compile("limit for pile \".*\"(?:\\.\\.\\.)? sent to pile (\".*\")(\\.\\.\\.)?");
    ObjectMapper JSON = new ObjectMapper();

    /**
     * @param contentFormat the refusal's Content-Format: JSON from a bridge that says the id whole, text otherwise
     * @param payload       the refusal's body
     */
    static Optional<LimitRefusal> of(ResponseCode code, int contentFormat, byte[] payload) {
        Optional<RefusalBody> body = RefusalBody.of(contentFormat, payload);
        if (code == ResponseCode.FORBIDDEN && body.flatMap(RefusalBody::pileId).isPresent()) {
            return Optional.of(new AnotherPile(body.get().pileId().get(), false));
        }
        String reason = body.map(RefusalBody::reason).orElseGet(() ->
                new String(payload == null ? new byte[0] : payload, StandardCharsets.UTF_8)).strip();
        if (code == ResponseCode.FORBIDDEN) {
            Matcher m = ANOTHER_PILE.matcher(reason);
            if (m.matches()) {
                return Optional.of(new AnotherPile(unquoted(m.group(1)), m.group(2) != null));
            }
        }
        if (code == ResponseCode.BAD_REQUEST && reason.startsWith("unknown key \"pileId\"")) {
            return Optional.of(new PileIdUnknown());
        }
        return Optional.empty();
    }

    /** The id as the bridge quoted it, its escapes undone; as sent when it cannot be read so. */
    private static String unquoted(String quoted) {
        try {
            JsonNode id = JSON.readTree(quoted);
            return id != null && id.isTextual() ? id.textValue() : quoted;
        } catch (IOException notOneString) {
            return quoted;
        }
    }
}
