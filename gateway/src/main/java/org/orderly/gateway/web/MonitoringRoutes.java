package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.orderly.gateway.app.config.MetricsAccess;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /healthz} (one line), outside {@code /api/}: a scraper takes
 * neither JSON nor the API's refusals. With {@code web.metrics: login} each needs a live sign-in, as {@code /api/}
 * does ({@link AccessGuard#check}); with {@code open} anyone who reaches the page's address reads them.
 */
final class MonitoringRoutes {
    private final GatewayMetrics metrics;
    private final Health health;
    private final AccessGuard guard;
    private final MetricsAccess access;

    MonitoringRoutes(GatewayMetrics metrics, Health health, AccessGuard guard, MetricsAccess access) {
        this.metrics = metrics;
        this.health = health;
        this.guard = guard;
        this.access = access;
    }

    void metrics(Context ctx) throws IOException {
        allowed(ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        metrics.write(out);
        ctx.header("Cache-Control", "no-store").contentType(metrics.contentType()).result(out.toByteArray());
    }

    /** 200 {@code ok}, or 503 and the first reason the gateway does not do its work now. */
    void health(Context ctx) {
        allowed(ctx);
        Optional<String> problem = health.problem();
        ctx.header("Cache-Control", "no-store").contentType("text/plain; charset=utf-8")
                .status(problem.isPresent() ? 503 : 200).result(problem.orElse("ok") + "\n");
    }

    private void allowed(Context ctx) {
        if (access == MetricsAccess.LOGIN) {
            guard.check(ctx);
        }
    }
}
