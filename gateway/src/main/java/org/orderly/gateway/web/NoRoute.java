package org.orderly.gateway.web;

import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The answers for a request no route takes, as JSON refusals like every other ({@link ApiError}): a path with no route
 * is 404 {@link Refusal#NO_SUCH_PATH}; a route asked with a method it does not take is 405
 * {@link Refusal#METHOD_NOT_ALLOWED} with an {@code Allow} header naming those it takes (HTTP semantics, RFC 9110
 * 15.5.6). Javalin's own answers were text/plain ({@code Endpoint PUT /api/x not found}).
 */
final class NoRoute {
    private NoRoute() {
    }

    static void notFound(Context ctx) {
        answer(ctx, new ApiError(404, Refusal.NO_SUCH_PATH, Map.of("path", ctx.path()), "no such path: " + ctx.path()));
    }

    static void methodNotAllowed(Context ctx, MethodNotAllowedResponse e) {
        String allowed = String.join(", ", allowed(e.getDetails()));
        ctx.header("Allow", allowed);
        answer(ctx, new ApiError(405, Refusal.METHOD_NOT_ALLOWED, Map.of("method", ctx.method().name(),
                "path", ctx.path(), "allowed", allowed),
                ctx.method().name() + " is not taken on " + ctx.path() + "; use " + allowed));
    }

    /**
     * The methods Javalin found routes for, as its 405 lists them (one detail, named for an HTML or a JSON client), with
     * HEAD beside GET: Javalin answers a HEAD with the GET route.
     */
    private static List<String> allowed(Map<String, String> details) {
        List<String> out = new ArrayList<>();
        for (String list : details.values()) {
            Arrays.stream(list.split(",")).map(String::trim).filter(m -> !m.isEmpty()).forEach(out::add);
        }
        if (out.contains("GET") && !out.contains("HEAD")) {
            out.add(out.indexOf("GET") + 1, "HEAD");
        }
        return out;
    }

    private static void answer(Context ctx, ApiError error) {
        ctx.status(error.status()).json(error.body());
    }
}
