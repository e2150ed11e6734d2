package org.orderly.gateway.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.web.auth.Account;
import org.orderly.gateway.web.auth.Accounts;
import org.orderly.gateway.web.auth.SignIn;
import org.orderly.gateway.web.auth.SignIns;

/**
 * Runs before every {@code /api/} request: 401 without a live sign-in (except the paths a browser needs to sign in);
 * then, for a change to a route there is ({@link #checkChange}), 415 when it is not JSON, 403 without the sign-in's
 * CSRF token or by a viewer (other than to its own password). So a stranger is told to sign in whatever it sends, and a
 * signed-in request with a method or a path no route takes is told that (405, 404), not how to send a body.
 */
final class AccessGuard {
    static final String COOKIE = "orderly_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SIGN_IN = "signIn";
    /** Paths anyone may call: the page needs them (and the text bundles, /api/i18n/*) before a sign-in. */
    private static final Set<String> PUBLIC = Set.of("/api/status", "/api/login", "/api/setup");
    /** Changes a viewer may make: to its own account, and signing out. */
    private static final Set<String> OWN = Set.of("/api/me/password", "/api/logout");

    private final SignIns signIns;
    private final Accounts accounts;

    AccessGuard(SignIns signIns, Accounts accounts) {
        this.signIns = signIns;
        this.accounts = accounts;
    }

    /** Before routing: a live sign-in, where one is needed. */
    void check(Context ctx) {
        if (isPublic(ctx)) {
            return;
        }
        SignIn s = signIns.use(ctx.cookie(COOKIE))
                .orElseThrow(() -> new ApiError(401, Refusal.SIGN_IN_FIRST, Map.of(),
                        "sign in first (no or expired session)"));
        // A sign-in made while its account was being removed or given another role (a sign-in checks a password for
        // a second or more) outlives the ending of that account's sign-ins; it ends here, at its first use.
        Optional<Account> account = accounts.find(s.name());
        if (account.isEmpty() || account.get().role() != s.role()) {
            signIns.end(s.token());
            throw new ApiError(401, Refusal.SIGN_IN_AGAIN, Map.of(),
                    "sign in again: this account was removed or its role changed");
        }
        ctx.attribute(SIGN_IN, s);
    }

    /** After routing, for a route there is: a change must be JSON and carry the CSRF token, and be one its role may make. */
    void checkChange(Context ctx) {
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return;
        }
        String type = ctx.contentType();
        // A cross-site form cannot send application/json without a CORS preflight, which this server never grants.
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiError(415, Refusal.JSON_REQUIRED, Map.of(), "send the request body as application/json");
        }
        if (isPublic(ctx)) {
            return;
        }
        SignIn s = signIn(ctx);
        // Signing out too: another site's page must not end the manager's sign-in.
        if (!csrfMatches(s.csrf(), ctx.header(CSRF_HEADER))) {
            throw new ApiError(403, Refusal.CSRF_MISSING, Map.of(),
                    "missing or wrong " + CSRF_HEADER + " header; reload the page");
        }
        if (!s.role().mayChange() && !OWN.contains(ctx.path())) {
            throw new ApiError(403, Refusal.VIEWER_MAY_NOT_CHANGE, Map.of(),
                    "a viewer may look but not change anything; ask an installer");
        }
    }

    private static boolean isPublic(Context ctx) {
        return PUBLIC.contains(ctx.path()) || ctx.path().startsWith("/api/i18n/");
    }

    /** Compared in constant time, so the time taken does not tell how much of a guess was right. */
    private static boolean csrfMatches(String expected, String offered) {
        return offered != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                offered.getBytes(StandardCharsets.UTF_8));
    }

    /** Who made this request (set by {@link #check}). */
    static SignIn signIn(Context ctx) {
        SignIn s = ctx.attribute(SIGN_IN);
        if (s == null) {
            throw new ApiError(401, Refusal.SIGN_IN_FIRST, Map.of(), "sign in first");
        }
        return s;
    }
}
