package org.orderly.gateway.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderly.text.SaidBack;
import org.orderly.text.json.ReaderLimit;
import org.orderly.text.json.SentNumber;
import org.orderly.text.json.StrictJson;
import org.orderly.text.json.TooSmallNumber;

/** Reads and checks a request's JSON body; a bad one is an {@link ApiError} naming the field ({@link QueryParams}: its query). */
final class JsonBody {
    /** Fields whose value is never said back in a refusal: passwords and the one-time setup token. */
    private static final Set<String> SECRETS = Set.of("password", "current", "token");

    static final int MIN_PASSWORD = 10;
    private static final int MAX_BODY = 10_000;
    private static final ObjectMapper JSON = StrictJson.mapper();

    private JsonBody() {
    }

    /**
     * The request's body, a JSON object holding no key but {@code keys}: a key it does not take is refused (400,
     * {@link Refusal#UNKNOWN_FIELD}) rather than passed over, since a misspelt key would otherwise read as one not given
     * ({@code {"amp": 10}} as "no limit").
     */
    static JsonNode of(Context ctx, String... keys) {
        JsonNode body = of(ctx);
        List<String> taken = List.of(keys);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!taken.contains(name)) {
                String expected = String.join(", ", taken);
                throw ApiError.bad(Refusal.UNKNOWN_FIELD, Map.of("field", abbreviated(name), "expected", expected),
                        "unknown key '" + abbreviated(name) + "'; expected " + expected);
            }
        }
        return body;
    }

    /**
     * Checks the body of a request that takes none (a sign-out, a user's removal, an alarm's acknowledgement): none at
     * all, or an empty JSON object, as the page sends. Anything else is refused as a body is anywhere (a key given
     * twice, text that is not JSON), and a key with {@link Refusal#BODY_NOT_TAKEN}: passed over, {@code
     * {"dryRun":true}} would remove a user all the same.
     */
    static void none(Context ctx) {
        String text = RequestSize.text(ctx);
        if (text.isBlank()) {
            return;
        }
        Iterator<String> names = parse(text).fieldNames();
        if (names.hasNext()) {
            String name = abbreviated(names.next());
            throw ApiError.bad(Refusal.BODY_NOT_TAKEN, Map.of("field", name),
                    "unknown key '" + name + "'; this request takes none");
        }
    }

    /** A key as said back: at most 40 characters, since it is the client's text. */
    private static String abbreviated(String key) {
        return SaidBack.of(key);
    }

    private static JsonNode of(Context ctx) {
        return parse(RequestSize.text(ctx));
    }

    private static JsonNode parse(String text) {
        if (text.length() > MAX_BODY) {
            throw ApiError.bad(Refusal.BODY_TOO_LONG, Map.of("characters", MAX_BODY),
                    "request body over " + MAX_BODY + " characters");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw ApiError.bad("the request body must be a JSON object");
            }
            return SentNumber.keptAsSent((ObjectNode) node, text, JSON);
        } catch (JsonProcessingException e) {
            Optional<TooSmallNumber> tiny = TooSmallNumber.of(e);
            if (tiny.isPresent()) {
                throw ApiError.bad(tiny.get().said() + "; write 0 or a larger number");
            }
            Optional<StrictJson.KeyTwice> twice = StrictJson.keyTwice(e);
            if (twice.isPresent()) {
                throw ApiError.bad("the request body " + twice.get().said() + twice.get().inParentheses()
                        + "; give each key once");
            }
            // A parser limit (nesting over 1000, a number over 1000 digits) is reported without a location.
            Optional<String> limit = ReaderLimit.of(e);
            if (limit.isPresent()) {
                throw ApiError.bad("the request body has " + limit.get());
            }
            JsonLocation at = e.getLocation();
            throw ApiError.bad(at == null || at.getLineNr() < 1 ? "the request body is not valid JSON"
                    : "the request body is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
    }

    static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isEmpty()) {
            throw ApiError.bad(Refusal.FIELD_REQUIRED, Map.of("field", field), field + ": required text");
        }
        // Given, but not as text: said as such, since "required" would tell the client it was missing.
        if (!v.isTextual()) {
            GivenValue given = new GivenValue(v);
            String hint = v.isContainerNode() ? "" : "; write it in quotes";
            // A secret is said back by its kind only: a reply can end up on a screen, in a proxy's log, in a bug report.
            String was = SECRETS.contains(field) ? given.kind() : given.shown();
            throw ApiError.bad(Refusal.FIELD_NOT_TEXT, Map.of("field", field, "was", was),
                    field + ": must be text, was " + (SECRETS.contains(field) ? was : given.said()) + hint);
        }
        if (v.asText().length() > max) {
            throw ApiError.bad(Refusal.FIELD_TOO_LONG, Map.of("field", field, "max", max),
                    field + ": at most " + max + " characters");
        }
        return v.asText();
    }

    static String password(JsonNode body) {
        String p = text(body, "password", 200);
        if (p.length() < MIN_PASSWORD) {
            throw ApiError.bad(Refusal.PASSWORD_TOO_SHORT, Map.of("min", MIN_PASSWORD),
                    "password: at least " + MIN_PASSWORD + " characters");
        }
        return p;
    }
}
