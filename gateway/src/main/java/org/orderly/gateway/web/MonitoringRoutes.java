package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.orderly.gateway.app.config.MetricsAccess;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /healthz} (one line), outside {@code /api/}: a scraper takes
 * neither JSON nor the API's refusals. With {@code web.metrics: login} each needs a live sign-in, as {@code /api/}
 * does ({@link AccessGuard#check}); with {@code token}, the header {@code Authorization: Bearer} and the token
 * ({@link MetricsToken}), else 401 with an empty body (nothing to say which part was wrong); with {@code open} anyone
 * who reaches the page's address reads them.
 */
final class MonitoringRoutes {
    private final GatewayMetrics metrics;
    private final Health health;
    private final AccessGuard guard;
    private final MetricsAccess access;
    private final Optional<MetricsToken> token;

    /** {@code token} is there with {@link MetricsAccess#TOKEN} and only then. */
    MonitoringRoutes(GatewayMetrics metrics, Health health, AccessGuard guard, MetricsAccess access,
                     Optional<MetricsToken> token) {
        if (token.isPresent() != (access == MetricsAccess.TOKEN)) {
            throw new IllegalArgumentException("a metrics token goes with web.metrics: token only; was "
                    + access.word());
        }
        this.metrics = metrics;
        this.health = health;
        this.guard = guard;
        this.access = access;
        this.token = token;
    }

    void metrics(Context ctx) throws IOException {
        if (!allowed(ctx)) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        metrics.write(out);
        ctx.header("Cache-Control", "no-store").contentType(metrics.contentType()).result(out.toByteArray());
    }

    /** 200 {@code ok}, or 503 and the first reason the gateway does not do its work now. */
    void health(Context ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Optional<String> problem = health.problem();
        ctx.header("Cache-Control", "no-store").contentType("text/plain; charset=utf-8")
                .status(problem.isPresent() ? 503 : 200).result(problem.orElse("ok") + "\n");
    }

    /** Whether the request may read; false once it was answered 401 (a sign-in missing throws, as for the API). */
    private boolean allowed(Context ctx) {
        switch (access) {
            case LOGIN -> guard.check(ctx);
            case TOKEN -> {
                if (!token.orElseThrow().admits(ctx.header("Authorization"))) {
                    ctx.status(401).header("WWW-Authenticate", "Bearer").header("Cache-Control", "no-store")
                            .result("");
                    return false;
                }
            }
            case OPEN -> {
            }
        }
        return true;
    }
}
