package org.orderly.bridge.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.orderly.text.SaidBack;
import org.orderly.text.json.JsonRefusal;
import org.orderly.text.json.SentNumber;
import org.orderly.text.json.StrictJson;
import org.orderly.text.json.TinyNumberRefusal;
import org.orderly.text.json.TooSmallNumber;

/**
 * JSON (Content-Format 50) and CBOR (60) with the same data model; records in, records out. Read as strictly as the
 * gateway reads what it is sent ({@link StrictJson}): a map that gives a key twice is refused, since which of the two
 * was meant is not known and another reader of the same bytes may take the other; a body that cannot be read is said
 * what and where ({@link JsonRefusal}), a limit of the reader's in words, not its setting names.
 */
public final class PayloadCodec {

    public static final int JSON = MediaTypeRegistry.APPLICATION_JSON;
    public static final int CBOR = MediaTypeRegistry.APPLICATION_CBOR;

    // Decimals read exactly (BigDecimal), as the gateway reads an upstream command: a limit is judged by the number
    // sent, not the double nearest it (5.9999999999999999999 is below 6 A; a double reads it as 6.0).
    private final ObjectMapper json = StrictJson.mapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final ObjectMapper cbor = StrictJson.strict(CBORMapper.builder())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Encodes {@code value} in the format asked by {@code accept} (JSON when none). */
    public Encoded encode(Object value, int accept) throws PayloadException {
        int format = accept == MediaTypeRegistry.UNDEFINED ? JSON : accept;
        try {
            return new Encoded(mapper(format, ResponseCode.NOT_ACCEPTABLE).writeValueAsBytes(value), format);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a payload of {@code contentFormat} (JSON when none) into a tree. */
    public JsonNode decode(byte[] payload, int contentFormat) throws PayloadException {
        int format = contentFormat == MediaTypeRegistry.UNDEFINED ? JSON : contentFormat;
        ObjectMapper mapper = mapper(format, ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        if (payload == null || payload.length == 0) {
            throw new PayloadException(ResponseCode.BAD_REQUEST, "empty payload");
        }
        try {
            JsonNode node = readTree(mapper, format, payload);
            if (node == null || !node.isObject()) {
                throw new PayloadException(ResponseCode.BAD_REQUEST, "payload must be an object");
            }
            // A number too large for a double is said as sent (1e999), not as the Infinity it is read as.
            return SentNumber.keptAsSent((ObjectNode) node, payload, mapper);
        } catch (JsonProcessingException e) {
            Optional<TooSmallNumber> tiny = TooSmallNumber.of(e);
            if (tiny.isPresent()) {
                throw new PayloadException(ResponseCode.BAD_REQUEST, tiny.get().said());
            }
            Optional<StrictJson.KeyTwice> twice = StrictJson.keyTwice(e);
            if (twice.isPresent()) {
                throw new PayloadException(ResponseCode.BAD_REQUEST, "key \"" + SaidBack.of(twice.get().key())
                        + "\" given twice");
            }
            if (StrictJson.moreAfterValue(e)) {
                throw new PayloadException(ResponseCode.BAD_REQUEST, "content after the object");
            }
            throw new PayloadException(ResponseCode.BAD_REQUEST, "malformed " + MediaTypeRegistry.toString(format) + ": "
                    + (format == CBOR ? JsonRefusal.ofCbor(e) : JsonRefusal.of(e)));
        } catch (IOException e) {
            throw new PayloadException(ResponseCode.BAD_REQUEST, "malformed "
                    + MediaTypeRegistry.toString(format) + ": " + firstLine(e.getMessage()));
        }
    }

    /**
     * The tree of {@code payload}; a number whose exponent no BigDecimal holds ({@code 1e9999999999}) read as a double
     * does, as Infinity or 0, which the checks after say as sent ({@link SentNumber}, {@link TooSmallNumber}).
     */
    private static JsonNode readTree(ObjectMapper mapper, int format, byte[] payload) throws IOException {
        try {
            return read(mapper, format, payload);
        } catch (NumberFormatException beyondBigDecimal) {
            return read(mapper.copy().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS), format, payload);
        }
    }

    /**
     * The strict JSON mapper refuses a number too small as it reads it; CBOR's factory makes parsers of its own class,
     * so its parser is wrapped here.
     */
    private static JsonNode read(ObjectMapper mapper, int format, byte[] payload) throws IOException {
        return format == CBOR ? mapper.readTree(TinyNumberRefusal.of(mapper.createParser(payload), SaidBack.MAX))
                : mapper.readTree(payload);
    }

    private ObjectMapper mapper(int format, ResponseCode unsupported) throws PayloadException {
        if (format == JSON) {
            return json;
        }
        if (format == CBOR) {
            return cbor;
        }
        throw new PayloadException(unsupported, "content format " + format
                + " not supported; use 50 (application/json) or 60 (application/cbor)");
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Encoded bytes and the Content-Format they are in. */
    public record Encoded(byte[] payload, int contentFormat) {
    }
}
