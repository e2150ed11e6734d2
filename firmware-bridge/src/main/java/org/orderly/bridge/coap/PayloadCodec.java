package org.orderly.bridge.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * JSON (Content-Format 50) and CBOR (60) with the same data model; records in, records out. A map that gives a key
 * twice is refused: which of the two was meant is not known, and another reader of the same bytes may take the other.
 */
public final class PayloadCodec {

    public static final int JSON = MediaTypeRegistry.APPLICATION_JSON;
    public static final int CBOR = MediaTypeRegistry.APPLICATION_CBOR;

    /** How Jackson says a key was given twice (it has no exception of its own for it). */
    private static final Pattern GIVEN_TWICE = Pattern.compile("Duplicate field '(.*)'");
    /** How Jackson says a value was followed by more: a second object after the first, say. */
    private static final String TRAILING = "Trailing token";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ObjectMapper cbor = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
            JsonNode node = mapper.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new PayloadException(ResponseCode.BAD_REQUEST, "payload must be an object");
            }
            return node;
        } catch (JsonProcessingException e) {
            Matcher twice = GIVEN_TWICE.matcher(String.valueOf(e.getOriginalMessage()));
            if (twice.matches()) {
                throw new PayloadException(ResponseCode.BAD_REQUEST, "key \"" + twice.group(1) + "\" given twice");
            }
            if (String.valueOf(e.getOriginalMessage()).startsWith(TRAILING)) {
                throw new PayloadException(ResponseCode.BAD_REQUEST, "content after the object");
            }
            throw new PayloadException(ResponseCode.BAD_REQUEST,
                    "malformed " + MediaTypeRegistry.toString(format) + ": " + MalformedPayload.of(e, format));
        } catch (IOException e) {
            throw new PayloadException(ResponseCode.BAD_REQUEST, "malformed "
                    + MediaTypeRegistry.toString(format) + ": " + firstLine(e.getMessage()));
        }
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
