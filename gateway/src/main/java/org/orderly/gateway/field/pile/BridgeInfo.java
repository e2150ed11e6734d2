package org.orderly.gateway.field.pile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.orderly.text.AsWritten;
import org.orderly.text.SaidBack;
import org.orderly.text.json.JsonRefusal;
import org.orderly.text.json.StrictJson;
import org.orderly.text.json.TooSmallNumber;

/**
 * What a bridge says of its pile on {@code /info} (the bridge's {@code InfoBody}), its fields in range: the one reading
 * of that reply, for the gateway's driver ({@link BridgeInfoCheck}) and the commissioning commands alike. The gateway
 * needs {@code pileId}, {@code maxAmps}, {@code phases} and {@code safeAmps}, and a reply without one of them is not
 * believed; {@code firmwareVersion} and {@code minAmps} are only shown, so a reply that leaves them out (or gives a
 * firmware version that is not a string, a least current that is not a number from 0 to {@code maxAmps}) is still
 * believed, without them.
 * {@code limitTakesPileId}: whether its {@code limitOptionalKeys} lists {@code pileId}, so that a limit may name the pile
 * it is for (a bridge from 2026-12-06 on); a bridge that does not say so (an older one, or one saying it otherwise than
 * as a list of strings) refuses that key, and is sent limits without it.
 */
public record BridgeInfo(String pileId, Optional<String> firmwareVersion, Optional<Double> minAmps, double maxAmps,
                         int phases, double safeAmps, boolean limitTakesPileId) {

    /** The bridge's own bound on a pile's current ({@code PilotMapping.MAX_AMPS}). */
    static final double MAX_AMPS = 80;
    /** A token Jackson quotes in a refusal is cut at {@value SaidBack#MAX} characters: the pile's error line is no place for the rest. */
    private static final ObjectMapper JSON = StrictJson.mapper(SaidBack.MAX);

    public BridgeInfo {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(minAmps, "minAmps");
    }

    /**
     * The body of a bridge's {@code GET /info}.
     *
     * @throws IllegalArgumentException saying what in it cannot be believed ({@code maxAmps must be a number, was
     *                                  "x"}), to follow {@code /info}
     */
    public static BridgeInfo parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload == null ? new byte[0] : payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(TooSmallNumber.of(e).map(TooSmallNumber::said)
                    .or(() -> StrictJson.keyTwice(e).map(StrictJson.KeyTwice::said))
                    .orElse(StrictJson.moreAfterValue(e) ? "has more after its object"
                            : "is not JSON: " + JsonRefusal.of(e)));
        } catch (IOException e) {
            throw new IllegalArgumentException("is not JSON: " + oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object, was "
                    + oneLine(payload == null ? "nothing" : new String(payload, StandardCharsets.UTF_8)));
        }
        double maxAmps = number(root, "maxAmps");
        if (!(maxAmps > 0 && maxAmps <= MAX_AMPS)) {
            throw new IllegalArgumentException("maxAmps must be above 0 and at most " + org.orderly.text.Amps.of(MAX_AMPS)
                    + ", was " + AsWritten.number(maxAmps));
        }
        JsonNode phases = root.get("phases");
        // canConvertToInt first: intValue() keeps a larger number's low 32 bits, and 4294967297 would read as 1
        if (phases == null || !phases.isIntegralNumber() || !phases.canConvertToInt()
                || (phases.intValue() != 1 && phases.intValue() != 3)) {
            throw new IllegalArgumentException("phases must be 1 or 3, was " + phases);
        }
        double safeAmps = number(root, "safeAmps");
        if (!(safeAmps >= 0 && safeAmps <= maxAmps)) {
            throw new IllegalArgumentException("safeAmps must be 0 to maxAmps (" + org.orderly.text.Amps.of(maxAmps)
                    + "), was " + AsWritten.number(safeAmps));
        }
        JsonNode pileId = root.get("pileId");
        if (pileId == null || !pileId.isTextual()) {
            throw new IllegalArgumentException("pileId must be a string, was "
                    + (pileId == null ? "missing" : oneLine(pileId.toString())));
        }
        JsonNode firmware = root.get("firmwareVersion");
        JsonNode minAmps = root.get("minAmps");
        JsonNode limitKeys = root.get("limitOptionalKeys");
        boolean takesPileId = false;
        if (limitKeys != null && limitKeys.isArray()) {
            for (JsonNode key : limitKeys) {
                takesPileId |= key.isTextual() && key.textValue().equals("pileId");
            }
        }
        return new BridgeInfo(pileId.textValue(),
                Optional.ofNullable(firmware).filter(JsonNode::isTextual).map(JsonNode::textValue),
                // Only shown, and a commissioning limit held to it (BridgeRange): one below 0 or above maxAmps no
                // bridge says (until 2026-12-07 taken, -6 A or 1e300 A), left out as one that is no number is.
                Optional.ofNullable(minAmps).filter(JsonNode::isNumber).map(JsonNode::doubleValue)
                        .filter(min -> min >= 0 && min <= maxAmps),
                maxAmps, phases.intValue(), safeAmps, takesPileId);
    }

    /** A JSON number: Jackson writes a NaN or an infinity as a string, which is not one. */
    private static double number(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(field + " must be a number, was " + (n == null ? "missing" : oneLine(n.toString())));
        }
        return n.doubleValue();
    }

    static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
