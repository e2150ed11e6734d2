package org.orderly.gateway.web;

import io.javalin.http.Context;

/**
 * Headers on every answer the page gives (the static files add their Content-Security-Policy): nothing is sniffed
 * into another type, shown in another site's frame (X-Frame-Options for browsers without CSP's frame-ancestors) or
 * named in a Referer. The API's answers are never stored: they hold a sign-in's CSRF token, the accounts and the
 * compound's figures, which a browser's cache would keep on the office's shared computer after signing out.
 */
final class SecurityHeaders {
    private SecurityHeaders() {
    }

    static void add(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
