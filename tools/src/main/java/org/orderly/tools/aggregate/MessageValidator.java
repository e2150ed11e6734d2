package org.orderly.tools.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;
import org.orderly.text.json.JsonRefusal;
import org.orderly.text.json.StrictJson;
import org.orderly.text.json.TooSmallNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one message against the upstream contract v1 and turns it into an {@link Inbound}. Every remote input is
 * suspect: the topic, the envelope, and the telemetry body are all checked, and the first problem found becomes the
 * rejection's one-line reason. Unknown fields are ignored, as the contract asks.
 */
public final class MessageValidator {
    private static final Logger LOG = LoggerFactory.getLogger(MessageValidator.class);
    public static final int CONTRACT_VERSION = 1;
    /** Larger payloads are refused before parsing; a telemetry message is a few hundred bytes. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /** No compound draws more; a larger figure is a unit mistake (W for kW) or garbage. */
    static final double MAX_ABS_KW = 100_000;
    /** ISO-8601's four-digit years: further out, a ts is garbage, and its epoch milliseconds may overflow a long. */
    private static final Instant EARLIEST_TS = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST_TS = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Topic level after the gateway id, and the {@code type} a message on it must carry. */
    private static final Map<String, String> TYPE_OF_TOPIC = Map.of(
            "state", "state", "telemetry", "telemetry", "plan", "plan", "events", "event", "sessions", "session");

    /** Refuses a key given twice and anything after the object, as the gateway's readers do. */
    private final ObjectMapper json = StrictJson.mapper();

    public Inbound check(String topic, byte[] payload) {
        try {
            return parse(topic, payload);
        } catch (Invalid e) {
            return new Inbound.Rejected(topic, e.getMessage());
        }
    }

    private Inbound parse(String topic, byte[] payload) throws Invalid {
        String[] levels = topic.split("/", -1);
        if (levels.length != 4 || !levels[0].equals("orderly") || !levels[1].equals("v1")) {
            throw new Invalid("topic is not orderly/v1/{gatewayId}/{kind}");
        }
        String topicGateway = levels[2];
        String expectedType = TYPE_OF_TOPIC.get(levels[3]);
        if (!GATEWAY_ID.matcher(topicGateway).matches()) {
            throw new Invalid("gatewayId in the topic does not match [A-Za-z0-9._-]{1,64}");
        }
        if (expectedType == null) {
            throw new Invalid("unknown topic kind '" + levels[3] + "'; known: " + TYPE_OF_TOPIC.keySet());
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new Invalid("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JsonProcessingException e) {
            // A number too small to hold is valid JSON: said as the gateway's readers say it, not as JSON that is not.
            throw new Invalid(TooSmallNumber.of(e).map(tiny -> "payload " + tiny.said())
                    .orElseGet(() -> "payload is not valid JSON: " + JsonRefusal.of(e)));
        } catch (IOException e) {
            throw new Invalid("payload could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("payload is not a JSON object");
        }
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber()) {
            throw new Invalid("field 'v' (contract version) is missing or not an integer");
        }
        if (!v.canConvertToInt() || v.intValue() != CONTRACT_VERSION) {
            throw new Invalid("contract version v=" + v.asText() + " is not supported; this consumer reads v="
                    + CONTRACT_VERSION);
        }
        String type = text(root, "type");
        if (!type.equals(expectedType)) {
            throw new Invalid("type '" + type + "' does not belong on topic kind '" + levels[3] + "' (expected '"
                    + expectedType + "')");
        }
        String gatewayId = text(root, "gatewayId");
        if (!gatewayId.equals(topicGateway)) {
            throw new Invalid("gatewayId '" + gatewayId + "' in the body differs from '" + topicGateway
                    + "' in the topic");
        }
        JsonNode seqNode = root.get("seq");
        if (seqNode == null || !seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.longValue() < 0) {
            throw new Invalid("field 'seq' is missing or not a non-negative integer");
        }
        long seq = seqNode.longValue();
        String id = text(root, "id");
        if (!id.equals(gatewayId + ":" + seq)) {
            throw new Invalid("id '" + id + "' is not '{gatewayId}:{seq}' = '" + gatewayId + ":" + seq + "'");
        }
        Instant ts;
        try {
            ts = Instant.parse(text(root, "ts"));
        } catch (DateTimeParseException e) {
            throw new Invalid("field 'ts' is not an ISO-8601 UTC instant (e.g. 2026-11-29T12:00:00Z)");
        }
        String outside = tsOutside(ts);
        if (outside != null) {
            throw new Invalid(outside);
        }
        Envelope envelope = new Envelope(type, id, seq, gatewayId, ts);
        if (type.equals("event")) {
            return event(root, envelope, topic);
        }
        if (type.equals("state")) {
            return state(root, envelope, topic);
        }
        if (!type.equals("telemetry")) {
            return new Inbound.OtherMessage(envelope);
        }
        return new Inbound.TelemetryMessage(envelope, telemetry(root));
    }

    /**
     * An {@code online} that names its will's number is a {@link Inbound.OnlineState}; a {@code will} that is not an
     * integer above the message's own number is not taken (warned of): the message is taken as one without it.
     */
    private static Inbound state(JsonNode root, Envelope envelope, String topic) {
        if ("offline".equals(root.path("state").asText())) {
            return new Inbound.OfflineState(envelope);
        }
        JsonNode will = root.get("will");
        if (will == null || !"online".equals(root.path("state").asText())) {
            return new Inbound.OtherMessage(envelope);
        }
        if (!will.isIntegralNumber() || !will.canConvertToLong() || will.longValue() <= envelope.seq()) {
            LOG.warn("state {} on '{}' names a will that is not a number above its own ({}); taken without it",
                    envelope.id(), topic, will);
            return new Inbound.OtherMessage(envelope);
        }
        return new Inbound.OnlineState(envelope, will.longValue());
    }

    /**
     * An event that names numbers its gateway skipped on purpose is a {@link Inbound.SkipNotice}; one of those kinds
     * whose text names nothing readable is taken as any event (its numbers stay missing) with a warning.
     */
    private static Inbound event(JsonNode root, Envelope envelope, String topic) {
        JsonNode kind = root.get("kind");
        JsonNode message = root.get("message");
        if (kind != null && DroppedCount.KIND.equals(kind.textValue())) {
            Long dropped = DroppedCount.of(root.get("dropped"), message != null ? message.textValue() : null);
            if (dropped == null) {
                LOG.warn("event {} on '{}' is {} but says no count of dropped messages this consumer can read; they"
                        + " are not counted: {}", envelope.id(), topic, DroppedCount.KIND, message);
                return new Inbound.OtherMessage(envelope);
            }
            return new Inbound.DropNotice(envelope, dropped);
        }
        if (kind == null || !kind.isTextual() || SkipReason.ofKind(kind.textValue()) == null) {
            return new Inbound.OtherMessage(envelope);
        }
        SkipReason reason = SkipReason.ofKind(kind.textValue());
        if (reason.freshStore()) {
            // Gateways before 2026-12-01 do not name where the fresh store's numbers begin: the jump stays missing.
            JsonNode seqFrom = root.get("seqFrom");
            Skipped moved = Skipped.freshStore(reason, seqFrom, envelope.seq());
            if (moved == null && seqFrom != null) {
                LOG.warn("event {} on '{}' is {} but its seqFrom ({}) is not a number from 1 up to its own; the jump"
                        + " counts as missing", envelope.id(), topic, reason.kind(), seqFrom);
            }
            return moved == null ? new Inbound.OtherMessage(envelope) : new Inbound.SkipNotice(envelope, moved);
        }
        Skipped skipped = Skipped.of(kind.textValue(), root.get("skipped"),
                message != null ? message.textValue() : null, envelope.seq());
        if (skipped == null) {
            LOG.warn("event {} on '{}' is {} but names no numbers below its own that this consumer can read; they"
                    + " count as missing: {}", envelope.id(), topic, kind.textValue(), message);
            return new Inbound.OtherMessage(envelope);
        }
        return new Inbound.SkipNotice(envelope, skipped);
    }

    private static Telemetry telemetry(JsonNode root) throws Invalid {
        JsonNode flex = root.get("flex");
        if (flex == null || !flex.isObject()) {
            throw new Invalid("field 'flex' is missing or not an object {shedKw, addKw}");
        }
        JsonNode mode = root.get("mode");
        if (mode != null && !mode.isNull() && !(mode.isTextual()
                && (mode.textValue().equals("normal") || mode.textValue().equals("conservative")))) {
            throw new Invalid("field 'mode' is not \"normal\" or \"conservative\"");
        }
        return new Telemetry(kw(root, "transformerKw", -MAX_ABS_KW), kw(root, "baseKw", -MAX_ABS_KW),
                kw(root, "evKw", 0), kw(root, "limitKw", 0), kw(flex, "shedKw", 0), kw(flex, "addKw", 0),
                baseBound(root));
    }

    /** Whether {@code baseKw} is a bound, not a measurement ({@link Telemetry#baseBound}). */
    private static Boolean baseBound(JsonNode root) throws Invalid {
        try {
            return Telemetry.baseBound(root.get("baseBound"));
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /** A required kW field: a finite number in [min, MAX_ABS_KW], or null when the gateway does not know it. */
    private static Double kw(JsonNode parent, String field, double min) throws Invalid {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw new Invalid("field '" + field + "' is missing (null is allowed when unknown)");
        }
        if (n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new Invalid("field '" + field + "' is not a number");
        }
        double value = n.doubleValue();
        if (!Double.isFinite(value) || value < min || value > MAX_ABS_KW) {
            throw new Invalid("field '" + field + "' = " + n.asText() + " kW is outside " + (long) min + ".."
                    + (long) MAX_ABS_KW);
        }
        return value;
    }

    /** Why the ts cannot be taken, or null if it can (the journal's reader holds its lines to the same). */
    static String tsOutside(Instant ts) {
        if (ts.isBefore(EARLIEST_TS) || ts.isAfter(LATEST_TS)) {
            return "field 'ts' " + ts + " lies outside the years 0000 to 9999";
        }
        return null;
    }

    private static String text(JsonNode root, String field) throws Invalid {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new Invalid("field '" + field + "' is missing or not a string");
        }
        return n.textValue();
    }

    /** A contract violation; its message is the rejection's reason. */
    private static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
