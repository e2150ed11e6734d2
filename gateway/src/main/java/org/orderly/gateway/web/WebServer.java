package org.orderly.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.auth.Accounts;
import org.orderly.gateway.web.auth.SetupLink;
import org.orderly.gateway.web.auth.SignIn;
import org.orderly.gateway.web.auth.SignIns;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.TodayCalculator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The property manager's local page and its JSON API ({@code docs/web.md}), on Javalin (Jetty 12). An adapter: it
 * reads what the gateway publishes and queues changes for the control thread. Every {@code /api/} path but the
 * sign-in ones needs a signed-in browser; every change needs the installer role, a JSON body and the sign-in's
 * CSRF token in {@value Api#CSRF_HEADER}.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Paths anyone may call: the page needs them (and the text bundles, /api/i18n/*) before a sign-in. */
    private static final Set<String> PUBLIC = Set.of("/api/status", "/api/login", "/api/setup");

    private final Javalin app;
    private final LiveFeed feed;
    private final String url;
    private final SetupLink setup;

    private WebServer(Javalin app, LiveFeed feed, String url, SetupLink setup) {
        this.app = app;
        this.feed = feed;
        this.url = url;
        this.setup = setup;
    }

    /** Starts the page for {@code gateway}; logs the one-time setup link when no installer account exists yet. */
    public static WebServer start(Gateway gateway, WebConfig config, Clock clock) {
        Accounts accounts;
        try {
            accounts = Accounts.open(config.usersFile());
        } catch (IOException e) {
            throw new UncheckedIOException("local page: " + e.getMessage(), e);
        }
        // Sign-ins lapse in people's time, even when the gateway runs on a sped-up or virtual clock.
        SignIns signIns = new SignIns(config.sessionLifetime(), Clock.systemUTC());
        SetupLink setup = SetupLink.forAccounts(accounts);
        AlarmBoard alarms = new AlarmBoard(gateway.store());
        ObjectMapper json = new ObjectMapper();
        LiveFeed feed = new LiveFeed(today -> new OverviewBuilder(gateway, clock, alarms, today),
                new TodayCalculator(gateway.store(), gateway.config().compound(),
                gateway.config().tariff(), clock), signIns, json);
        Api api = new Api(gateway, accounts, signIns, setup, alarms, feed, json, clock);
        Javalin app = Javalin.create(c -> {
            c.jetty.host = config.bind();
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/org/orderly/gateway/web/static";
                s.location = Location.CLASSPATH;
                s.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            });
            c.routes.before("/api/*", ctx -> guard(ctx, signIns));
            c.routes.get("/api/status", api::status);
            c.routes.post("/api/login", api::login);
            c.routes.post("/api/setup", api::setup);
            c.routes.post("/api/logout", api::logout);
            c.routes.get("/api/me", api::me);
            c.routes.get("/api/i18n/{lang}", ctx -> ctx.json(Messages.bundle(ctx.pathParam("lang"))
                    .orElseThrow(() -> new ApiError(404, "language: 'zh' or 'en', was '" + ctx.pathParam("lang") + "'"))));
            c.routes.get("/api/overview", api::overview);
            c.routes.get("/api/piles", api::piles);
            c.routes.get("/api/chart", api::chart);
            c.routes.get("/api/events", api::events);
            c.routes.sse("/api/live", client -> {
                client.keepAlive();
                feed.add(client, client.ctx().cookie(Api.COOKIE));
            });
            c.routes.post("/api/piles/{id}/reservation", api::reserve);
            c.routes.post("/api/piles/{id}/limit", api::limit);
            c.routes.post("/api/alarms/{id}/ack", api::acknowledge);
            c.routes.post("/api/users", api::addUser);
            c.routes.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("local page: {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "internal error; see the gateway's log"));
            });
        });
        app.start();
        String url = "http://" + (config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind()) + ":"
                + app.port() + "/";
        WebServer server = new WebServer(app, feed, url, setup);
        feed.start(gateway.config().control().period());
        LOG.info("local page on {}", url);
        if (setup.token() != null) {
            LOG.warn("local page: no installer account yet; set one up once at {}", server.setupUrl());
        }
        return server;
    }

    /** Refuses what the caller may not do: 401 without a sign-in, 403 for a change without the role or CSRF token. */
    private static void guard(Context ctx, SignIns signIns) {
        boolean change = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
        if (change) {
            String type = ctx.contentType();
            // A cross-site form cannot send application/json without a CORS preflight, which this server never grants.
            if (type == null || !type.toLowerCase().startsWith("application/json")) {
                throw new ApiError(415, "send the request body as application/json");
            }
        }
        if (PUBLIC.contains(ctx.path()) || ctx.path().startsWith("/api/i18n/")) {
            return;
        }
        SignIn s = signIns.use(ctx.cookie(Api.COOKIE))
                .orElseThrow(() -> new ApiError(401, "sign in first (no or expired session)"));
        ctx.attribute(Api.SIGN_IN, s);
        if (!change || ctx.path().equals("/api/logout")) {
            return;
        }
        if (!s.csrf().equals(ctx.header(Api.CSRF_HEADER))) {
            throw new ApiError(403, "missing or wrong " + Api.CSRF_HEADER + " header; reload the page");
        }
        if (!s.role().mayChange()) {
            throw new ApiError(403, "a viewer may look but not change anything; ask an installer");
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return url;
    }

    /** The one-time setup link, or null once an installer exists. */
    public String setupUrl() {
        String token = setup.token();
        return token == null ? null : url + "#setup=" + token;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        feed.close();
        app.stop();
        LOG.info("local page on {} stopped", url);
    }
}
