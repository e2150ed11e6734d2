package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Headers on every answer the page gives (the static files add their Content-Security-Policy): nothing is sniffed
 * into another type, shown in another site's frame (X-Frame-Options for browsers without CSP's frame-ancestors) or
 * named in a Referer. The API's answers are never stored: they hold a sign-in's CSRF token, the accounts and the
 * compound's figures, which a browser's cache would keep on the office's shared computer after signing out.
 */
final class SecurityHeaders {
    /** What every answer says, Jetty's own error pages included ({@link JettyErrorPages}). */
    static final Map<String, String> EVERY_ANSWER = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");
    static final String NOT_STORED = "no-store";

    private SecurityHeaders() {
    }

    static void add(Context ctx) {
        EVERY_ANSWER.forEach(ctx::header);
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", NOT_STORED);
        }
    }
}
