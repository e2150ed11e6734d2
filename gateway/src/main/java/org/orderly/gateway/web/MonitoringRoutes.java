package org.orderly.gateway.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.orderly.gateway.web.auth.AddressAllowances;
import org.orderly.gateway.web.auth.FailureAllowance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /healthz} (one line), outside {@code /api/}: a scraper takes
 * neither JSON nor the API's refusals. Who reads them is {@link MonitoringAccess}: with {@code web.metrics: login} each
 * needs a live sign-in, as {@code /api/} does ({@link AccessGuard#check}); with {@code token}, the header
 * {@code Authorization: Bearer} and the token ({@link TokenReload}), else 401 with an empty body (nothing to say which
 * part was wrong); with {@code open} anyone who reaches the page's address reads them. A wrong token counts against the
 * client's address as a wrong password does at the sign-in ({@link AddressAllowances}: five, then one a minute); an
 * address with none left gets 429, a {@code Retry-After} and an empty body, its token not looked at. A request with no
 * {@code Authorization} guesses nothing and is not counted.
 */
final class MonitoringRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringRoutes.class);

    private final GatewayMetrics metrics;
    private final Health health;
    private final AccessGuard guard;
    private final MonitoringAccess access;
    private final ClientAddress clients;
    /** Wrong tokens by address (a guesser's are not a scraper's elsewhere); with {@link MonitoringAccess.Token}. */
    private final AddressAllowances guesses;
    private final MetricsBody body = new MetricsBody();
    /** What each {@link MonitoringAccess} checks a request with. */
    private final MonitoringAccess.Checks checks = new MonitoringAccess.Checks() {
        @Override
        public void signedIn(Context ctx) {
            guard.check(ctx);
        }

        @Override
        public boolean bearer(Context ctx, TokenReload token) {
            return MonitoringRoutes.this.bearer(ctx, token);
        }
    };

    /** @param people the clock wrong tokens are counted on (people's time, as the sign-in's wrong passwords) */
    MonitoringRoutes(GatewayMetrics metrics, Health health, AccessGuard guard, MonitoringAccess access,
                     ClientAddress clients, Clock people) {
        this.metrics = metrics;
        this.health = health;
        this.guard = guard;
        this.access = access;
        this.clients = clients;
        this.guesses = new AddressAllowances(people);
    }

    void metrics(Context ctx) throws IOException {
        if (!allowed(ctx)) {
            return;
        }
        // Not streamed to the client: GatewayMetrics writes holding its lock, which a slow reader would then hold.
        byte[] out = body.of(metrics::write);
        ctx.header("Cache-Control", "no-store").contentType(metrics.contentType()).result(out);
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

    /** Whether the request may read; false once answered 401 or 429 (a sign-in missing throws, as for the API). */
    private boolean allowed(Context ctx) {
        return access.allows(ctx, checks);
    }

    private boolean bearer(Context ctx, TokenReload token) {
        String authorization = ctx.header("Authorization");
        if (authorization == null) {
            refuse(ctx, 401);
            return false;
        }
        String from = clients.of(ctx);
        FailureAllowance mine = guesses.of(from);
        if (!mine.take()) {
            long wait = mine.retryAfterSeconds();
            LOG.debug("local page: a {} bearer token from {} not looked at for {} s", ctx.path(), from, wait);
            ctx.header("Retry-After", Long.toString(wait));
            refuse(ctx, 429);
            return false;
        }
        if (token.admits(authorization)) {
            // Given back, not cleared: a right token between guesses from one address buys no more guesses.
            mine.giveBack();
            return true;
        }
        LOG.warn("local page: a wrong {} bearer token from {} (web.metricsTokenFile)", ctx.path(), from);
        refuse(ctx, 401);
        return false;
    }

    /** {@code status} with an empty body: nothing to say which part was wrong, or how many guesses are left. */
    private static void refuse(Context ctx, int status) {
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(status).header("Cache-Control", "no-store").result("");
    }
}
