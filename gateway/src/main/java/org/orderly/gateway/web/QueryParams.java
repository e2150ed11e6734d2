package org.orderly.gateway.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.UrlEncoded;
import org.orderly.text.SaidBack;

/**
 * Reads and checks an {@code /api/} request's query string as strictly as {@link JsonBody} reads its body. A route
 * names the parameters it takes ({@link Takes} on its endpoint; none when it names none), and before it runs a
 * parameter it does not take, one given twice, and a query that is not percent-encoded UTF-8 are refused (400 with a
 * {@link Refusal} code): a typo read as "not given" changes what is answered ({@code ?hour=1} answered 24 hours) or
 * done ({@code DELETE /api/users/wang?dryRun=1} removed wang), and a parameter given twice is read as the first by
 * one reader and the last by another.
 */
final class QueryParams {
    private static final String PARAMS = "orderly.queryParams";

    private QueryParams() {
    }

    /** The query parameters a route takes, on its endpoint ({@link Endpoint#withMetadata}). */
    record Takes(List<String> names) implements EndpointMetadata {
        Takes {
            names = List.copyOf(names);
        }

        Takes(String... names) {
            this(List.of(names));
        }
    }

    /**
     * Checks the query of a request whose route was matched, and keeps its parameters for {@link #wholeNumber}. Empty
     * pieces ({@code ?}, {@code ?hours=1&}) give nothing, as in a browser's URLSearchParams.
     */
    static void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Takes takes = endpoint == null ? null : endpoint.metadata(Takes.class);
        List<String> taken = takes == null ? List.of() : takes.names();
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        Map<String, String> params = new LinkedHashMap<>();
        try {
            UrlEncoded.decodeUtf8To(query, 0, query.length(), (name, value) -> {
                if (!taken.contains(name)) {
                    throw taken.isEmpty()
                            ? ApiError.bad(Refusal.QUERY_NOT_TAKEN, Map.of("name", said(name)),
                                    "unknown query parameter '" + said(name) + "'; this request takes none")
                            : ApiError.bad(Refusal.UNKNOWN_QUERY_PARAMETER,
                                    Map.of("name", said(name), "expected", String.join(", ", taken)),
                                    "unknown query parameter '" + said(name) + "'; expected "
                                            + String.join(", ", taken));
                }
                if (params.putIfAbsent(name, value) != null) {
                    throw ApiError.bad(Refusal.QUERY_PARAMETER_TWICE, Map.of("name", name),
                            "the query gives '" + name + "' twice; give it once");
                }
            });
        } catch (IllegalArgumentException e) {
            // A % not followed by two hex digits, or bytes that are not UTF-8: Javalin's own reading drops such a
            // parameter without a word, so that ?hours=2%4 answered 24 hours.
            throw ApiError.bad(Refusal.QUERY_NOT_ENCODED, Map.of("query", said(query)),
                    "the query string is not percent-encoded UTF-8: '" + said(query) + "'");
        }
        ctx.attribute(PARAMS, Map.copyOf(params));
    }

    /**
     * The parameter {@code name}, a whole number from {@code min} to {@code max} in ASCII digits, or {@code fallback}
     * when not given. A sign, a fraction, another script's digits and an empty value are refused, not read.
     */
    static int wholeNumber(Context ctx, String name, int fallback, int min, int max) {
        Map<String, String> params = ctx.attribute(PARAMS);
        if (params == null) {
            throw new IllegalStateException("the query of " + ctx.path() + " was not checked before its route");
        }
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        // At most 9 digits: within an int, and anything longer is out of range anyway.
        if (v.matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw ApiError.bad(Refusal.QUERY_VALUE_INVALID, Map.of("name", name, "min", min, "max", max, "was", said(v)),
                name + ": a whole number from " + min + " to " + max + ", was '" + said(v) + "'");
    }

    private static String said(String text) {
        return SaidBack.of(text);
    }
}
