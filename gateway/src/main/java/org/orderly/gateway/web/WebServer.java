package org.orderly.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.auth.Accounts;
import org.orderly.gateway.web.auth.SetupLink;
import org.orderly.gateway.web.auth.SignInThrottle;
import org.orderly.gateway.web.auth.SignIns;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.Today;
import org.orderly.gateway.web.view.TodayCalculator;
import org.orderly.text.SaidBack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The property manager's local page and its JSON API ({@code docs/web.md}), on Javalin (Jetty 12). An adapter: it
 * reads what the gateway publishes and queues changes for the control thread. Every {@code /api/} path but the
 * sign-in ones needs a signed-in browser; every change needs the installer role, a JSON body and the sign-in's
 * CSRF token in {@value AccessGuard#CSRF_HEADER}. A route takes no query parameter but those its endpoint names
 * ({@link QueryParams.Takes}). Beside the API, {@code /metrics} and {@code /healthz} for a monitoring system
 * ({@link MonitoringRoutes}), to whom {@code web.metrics} says.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

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
        return start(gateway, config, clock, Clock.systemUTC());
    }

    /**
     * The same, with {@code people} the clock sign-ins and the setup link lapse by, and password and metrics-token
     * guesses are counted on: people's time even when the gateway's {@code clock} is sped up (the demo) or virtual; a
     * test moves it.
     */
    public static WebServer start(Gateway gateway, WebConfig config, Clock clock, Clock people) {
        return start(gateway, config, clock, people, UnaryOperator.identity());
    }

    /**
     * The same, with today's computation from the store as {@code today} wraps it: a test's store slow to answer the
     * day's figures ({@code WebSaveWithSlowTodayTest}).
     */
    static WebServer start(Gateway gateway, WebConfig config, Clock clock, Clock people,
                           UnaryOperator<Supplier<Today>> today) {
        Accounts accounts;
        MonitoringAccess monitoringAccess;
        try {
            accounts = Accounts.open(config.usersFile());
            monitoringAccess = MonitoringAccess.of(config);
        } catch (IOException e) {
            throw new UncheckedIOException("local page: " + e.getMessage(), e);
        }
        // Sign-ins lapse in people's time, even when the gateway runs on a sped-up or virtual clock.
        SignIns signIns = new SignIns(config.sessionLifetime(), people);
        SetupLink setup = SetupLink.forAccounts(accounts, people);
        AlarmBoard alarms = new AlarmBoard(gateway.store(), gateway.ticker());
        ObjectMapper json = new ObjectMapper();
        HttpsConnector https = config.tls().map(tls -> HttpsConnector.load(tls, Clock.systemUTC()))
                .orElse(null);
        Supplier<Optional<AlarmKind>> certificate = https == null ? Optional::empty : https::certificateAlarm;
        TodayCalculator calculator = new TodayCalculator(gateway.store(), gateway.config().compound(),
                gateway.config().tariff(), clock, gateway.policy().settings().cyclePeriod());
        LiveFeed feed = new LiveFeed(latest -> new OverviewBuilder(gateway, clock, alarms, latest, certificate)::build,
                today.apply(calculator::compute), signIns::live, json);
        AccessGuard guard = new AccessGuard(signIns, accounts);
        HostGuard hosts = new HostGuard(config.hosts(), config.bind());
        ClientAddress clients = new ClientAddress(config.trustedProxies());
        SignInRoutes signIn = new SignInRoutes(gateway, accounts, signIns, setup, new SignInThrottle(people), clients);
        ViewRoutes view = new ViewRoutes(gateway, feed, clock);
        PileRoutes piles = new PileRoutes(gateway, alarms, feed, clock);
        MonitoringRoutes monitoring = new MonitoringRoutes(new GatewayMetrics(gateway, feed::latest, clock),
                new Health(gateway.loop(), gateway.store(), gateway.unreliableMeters()::now, feed::latest), guard,
                monitoringAccess, clients, people);
        Javalin app = Javalin.create(c -> {
            c.jetty.host = config.bind();
            c.jetty.port = config.port();
            if (https != null) {
                c.jetty.addConnector((server, http) -> https.connector(server, http, config.bind(), config.port()));
            }
            c.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrorPages());
                PeerLimits.apply(server, config.idleTimeout());
                // Its file scan starts and stops with the page.
                if (monitoringAccess instanceof MonitoringAccess.Token token) {
                    server.addBean(token.token(), true);
                }
            });
            c.startup.showJavalinBanner = false;
            // Javalin's own limit too, for any body read by Javalin rather than by RequestSize.
            c.http.maxRequestSize = RequestSize.MAX_BYTES;
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/org/orderly/gateway/web/static";
                s.location = Location.CLASSPATH;
                s.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            });
            c.routes.before(SecurityHeaders::add);
            c.routes.before(RequestSize::check);
            c.routes.before(hosts::check);
            c.routes.before("/api/*", guard::check);
            // After the sign-in's check (a stranger learns nothing of a route's parameters), and only for a route
            // there is (another path stays 404, another method 405): how a change must be sent, then the query.
            c.routes.beforeMatched("/api/*", guard::checkChange);
            c.routes.beforeMatched("/api/*", QueryParams::check);
            c.routes.get("/api/status", signIn::status);
            c.routes.post("/api/login", signIn::login);
            c.routes.post("/api/setup", signIn::setup);
            c.routes.post("/api/logout", signIn::logout);
            c.routes.get("/api/me", signIn::me);
            c.routes.post("/api/me/password", signIn::changeOwnPassword);
            c.routes.post("/api/users", signIn::addUser);
            c.routes.get("/api/users", signIn::users);
            c.routes.delete("/api/users/{name}", signIn::deleteUser);
            c.routes.get("/api/i18n/{lang}", ctx -> ctx.json(Messages.bundle(ctx.pathParam("lang"))
                    .orElseThrow(() -> new ApiError(404, "language: 'zh' or 'en', was '"
                            + SaidBack.of(ctx.pathParam("lang")) + "'"))));
            c.routes.get("/api/overview", view::overview);
            c.routes.get("/api/piles", view::piles);
            c.routes.get("/api/chart", view::chart);
            c.routes.addEndpoint(Endpoint.create(HandlerType.GET, "/api/events")
                    .addMetadata(new QueryParams.Takes("hours")).handler(view::events));
            c.routes.sse("/api/live", client -> {
                client.keepAlive();
                feed.add(client, client.ctx().cookie(AccessGuard.COOKIE));
            });
            c.routes.get("/metrics", monitoring::metrics);
            c.routes.get("/healthz", monitoring::health);
            c.routes.post("/api/piles/{id}/reservation", piles::reserve);
            c.routes.post("/api/piles/{id}/limit", piles::limit);
            c.routes.post("/api/alarms/{id}/ack", piles::acknowledge);
            // A path with no route, or a route asked with a method it does not take, is refused as any other request.
            c.http.prefer405over404 = true;
            c.routes.exception(EndpointNotFound.class, (e, ctx) -> NoRoute.notFound(ctx));
            c.routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> NoRoute.methodNotAllowed(ctx, e));
            c.routes.exception(ApiError.class, (e, ctx) -> {
                if (e.retryAfterSeconds() > 0) {
                    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                ctx.status(e.status()).json(e.body());
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("local page: {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiError(500, Refusal.INTERNAL_ERROR, Map.of(),
                        "internal error; see the gateway's log").body());
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            feed.close();
            throw new WebBindException(config.bind(), config.port(), e);
        }
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        String url = (https != null ? "https://" : "http://") + host + ":" + app.port() + "/";
        WebServer server = new WebServer(app, feed, url, setup);
        feed.start(gateway.config().control().period());
        LOG.info("local page on {}", url);
        if (!config.hosts().isEmpty()) {
            LOG.info("local page: answers to IP addresses, localhost, web.bind and {} only (web.hosts)", config.hosts());
        }
        if (setup.token() != null) {
            LOG.warn("local page: no installer account yet; set one up once at {} until {} (then restart the gateway"
                    + " for a new link)", server.setupUrl(), setup.lapses());
        }
        return server;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/} ({@code https://} with {@code web.tls}). */
    public String url() {
        return url;
    }

    /** The one-time setup link, or null once an installer exists or the link has lapsed. */
    public String setupUrl() {
        String token = setup.token();
        return token == null ? null : url + "#setup=" + token;
    }

    public int port() {
        return app.port();
    }

    /** The page's Jetty server, for a test to drive its file scans ({@link FileScan}) rather than wait for them. */
    Server jetty() {
        return app.jettyServer().server();
    }

    @Override
    public void close() {
        feed.close();
        app.stop();
        LOG.info("local page on {} stopped", url);
    }
}
