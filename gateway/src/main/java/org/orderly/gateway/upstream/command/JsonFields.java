package org.orderly.gateway.upstream.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.orderly.text.SaidBack;
import org.orderly.text.json.StrictJson;
import org.orderly.text.json.TooSmallNumber;
import org.orderly.text.json.Utf8Only;

/** Reading one field of a command's JSON object, each failure a sentence naming the field. */
final class JsonFields {
    static final String ID = "[A-Za-z0-9._:-]{1,64}";
    /**
     * Strict: trailing content after the object and repeated keys are malformed, not silently resolved; a token its
     * refusal quotes, and a number too small that it refuses ({@link TooSmallNumber}), is cut as the command's text is
     * ({@value SaidBack#COMMAND_MAX} characters). A number with a
     * fraction or exponent is kept as written (a BigDecimal), so that {@code v} is judged by the number sent: as a
     * double, {@code 1.0000000000000000001} is 1.
     */
    static final ObjectMapper MAPPER = StrictJson.mapper(SaidBack.COMMAND_MAX)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonFields() {
    }

    /** Thrown with the sentence that becomes the rejection's reason. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The payload as one JSON object, or why not: "oversized: ..." or "malformed: ...". */
    static JsonNode object(byte[] payload, int maxBytes) throws Invalid {
        if (payload.length > maxBytes) {
            throw new Invalid("oversized: " + payload.length + " bytes; at most " + maxBytes);
        }
        // Jackson reads UTF-16 and UTF-32 as readily, guessing from the first bytes; the contract is UTF-8, and the
        // WARN's payload, as any other reader of the command, would see zero bytes.
        String other = Utf8Only.otherEncoding(payload);
        if (other != null) {
            throw new Invalid("malformed: not UTF-8: the payload starts " + other
                    + "; JSON must be UTF-8 (RFC 8259, section 8.1)");
        }
        JsonNode o;
        try {
            o = MAPPER.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Optional<TooSmallNumber> tiny = TooSmallNumber.of(e);
            throw new Invalid(tiny.isPresent() ? "out of range: " + tiny.get().said() : MalformedReason.of(e));
        } catch (java.io.IOException e) {
            throw new Invalid("malformed: unreadable (" + SaidBack.ofCommand(String.valueOf(e.getMessage())) + ")");
        } catch (NumberFormatException e) {
            throw new Invalid("out of range: " + ExponentOverflow.said(payload) + " has an exponent beyond what a number"
                    + " holds");
        }
        if (o == null || !o.isObject()) {
            throw new Invalid("malformed: the payload must be one JSON object");
        }
        return o;
    }

    /**
     * The contract version: 1, also written 1.0 (JSON Schema's {@code "const": 1} compares numbers by value), not a
     * number near it ({@code 1.0000000000000000001}, which a double reads as 1).
     */
    static void version(JsonNode o) throws Invalid {
        JsonNode v = o.get("v");
        if (v == null || v.isNull()) {
            throw new Invalid("v: required, the contract version 1");
        }
        // Said back cut as the command's other text is: a string, a list or a 999-digit number is the sender's text.
        if (!v.isNumber()) {
            throw new Invalid("v: must be the number 1, not " + SaidBack.ofCommand(v.toString()));
        }
        if (!v.canConvertToExactIntegral() || v.decimalValue().compareTo(java.math.BigDecimal.ONE) != 0) {
            throw new Invalid("v: version " + SaidBack.ofCommand(v.asText()) + " is not supported; this gateway speaks 1");
        }
    }

    /**
     * The command's {@code gatewayId}, optional: one naming another gateway is refused, as a command published to this
     * gateway's topic but meant for another (a routing fault on the grid side) would move the wrong compound.
     */
    static void gateway(JsonNode o, String gatewayId) throws Invalid {
        JsonNode n = o.get("gatewayId");
        if (n == null) {
            return;
        }
        if (!n.isTextual()) {
            throw new Invalid("gatewayId: must be a string, not " + SaidBack.ofCommand(n.toString()));
        }
        if (!n.asText().equals(gatewayId)) {
            throw new Invalid("gatewayId: this is " + gatewayId + "; the command names " + SaidBack.ofCommand(n.asText()));
        }
    }

    static String id(JsonNode o) throws Invalid {
        JsonNode id = o.get("id");
        if (id == null) {
            throw new Invalid("id: required, a string");
        }
        if (!id.isTextual()) {
            throw new Invalid("id: must be a string, not " + SaidBack.ofCommand(id.toString()));
        }
        if (!id.asText().matches(ID)) {
            throw new Invalid("id: must match " + ID);
        }
        return id.asText();
    }

    /** The id if it is a well-formed one, else null (for rejecting a command whose other fields are bad). */
    static String idOrNull(JsonNode o) {
        JsonNode id = o == null ? null : o.get("id");
        return id != null && id.isTextual() && id.asText().matches(ID) ? id.asText() : null;
    }

    /**
     * The command's id as its first {@code maxBytes} say it, for the reply to a command that is not read in full (over
     * {@code maxBytes}, not JSON, ...): read with Jackson's streaming parser up to its first error, the value of the
     * object's top-level {@code id} met before it when a well-formed id string, else null. {@code {"v":1,"id":"c-17",}
     * followed by anything gives {@code c-17}; so does a whole command, where this is the id {@link #id} reads. The
     * first {@code id} decides: a second one is an error (the object gives it twice), one that is not a string gives
     * null.
     */
    static String idOrNull(byte[] payload, int maxBytes) {
        try (JsonParser p = MAPPER.createParser(payload, 0, Math.min(payload.length, maxBytes))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("id")) {
                    return value == JsonToken.VALUE_STRING && p.getText().matches(ID) ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (java.io.IOException e) {
            // The first error ends the reading (a truncated or broken text): no id met before it.
            return null;
        }
    }

    /** The accepted form, as every refusal of a {@code from} or {@code to} says it. */
    private static final String INSTANT = "an ISO-8601 instant as RFC 3339 writes it (the schema's date-time), UTC or"
            + " with an offset, such as \"2026-11-29T18:00:00Z\" or \"2026-11-30T02:00:00+08:00\"";

    /** A {@code from} or {@code to}; refused as missing, as not a string, or as a string that is not such a time. */
    static Instant instant(JsonNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null) {
            throw new Invalid(field + ": required, " + INSTANT);
        }
        if (!n.isTextual()) {
            throw new Invalid(field + ": must be a string, " + INSTANT + "; was " + SaidBack.ofCommand(n.toString()));
        }
        try {
            return Rfc3339.instant(n.asText());
        } catch (DateTimeParseException e) {
            throw new Invalid(field + ": '" + SaidBack.ofCommand(n.asText()) + "' is not " + INSTANT);
        }
    }

    /** A span of time given as {@code from} and {@code to}, {@code to} after {@code from}. */
    record Window(Instant from, Instant to) {
    }

    /**
     * The command's {@code from} and {@code to} to the millisecond, as the store keeps them (a finer fraction is
     * dropped: a cap kept to the nanosecond would not be the cap read back after a restart, and its repeat would be
     * refused as another), refused unless {@code to} comes after {@code from}.
     */
    static Window window(JsonNode o) throws Invalid {
        Instant from = instant(o, "from").truncatedTo(ChronoUnit.MILLIS);
        Instant to = instant(o, "to").truncatedTo(ChronoUnit.MILLIS);
        if (!to.isAfter(from)) {
            throw new Invalid("to: " + to + " must be after from " + from + " (to the millisecond)");
        }
        return new Window(from, to);
    }

    static double number(JsonNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null) {
            throw new Invalid(field + ": required, a number");
        }
        if (!n.isNumber()) {
            // Present but of another kind: said so, with what it was, not as if it were missing.
            throw new Invalid(field + ": must be a number, not " + SaidBack.ofCommand(n.toString()));
        }
        double d = n.asDouble();
        if (!Double.isFinite(d)) {
            throw new Invalid(field + ": must be a finite number");
        }
        return d;
    }
}
