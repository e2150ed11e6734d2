package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * How long a sign-in and the setup link last, and signing out, against a live gateway's page on 127.0.0.1 whose
 * people's clock (what sign-ins and the setup link lapse by) the test moves; the gateway itself runs in real time.
 */
class WebSignInLifetimeTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String TARIFF = "tariff:\n  periods: [ { from: \"00:00\", to: \"24:00\", price: 0.5 } ]\n";
    @TempDir
    Path dir;
    private LiveRig live;
    private final VirtualClock people = new VirtualClock(Instant.now(), ZoneOffset.UTC);
    private final List<WebServer> pages = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        live = new LiveRig(1, 8, dir, TARIFF, "");
    }

    @AfterEach
    void stop() {
        pages.forEach(WebServer::close);
        if (live != null) {
            live.close();
        }
    }

    /** The gateway's page with its accounts in {@code usersFile} (a start of the page), sign-ins idle for 30 min. */
    private WebServer page(String usersFile) {
        WebServer web = WebServer.start(live.gateway,
                new WebConfig("127.0.0.1", 0, Duration.ofMinutes(30), dir.resolve(usersFile)), Clock.systemUTC(), people);
        pages.add(web);
        return web;
    }

    private static String base(WebServer web) {
        return "http://127.0.0.1:" + web.port();
    }

    private static String token(WebServer web) {
        String url = web.setupUrl();
        assertThat(url).as("a setup link").contains("#setup=");
        return url.substring(url.indexOf("#setup=") + "#setup=".length());
    }

    private void minutes(long minutes) {
        people.advanceSeconds(minutes * 60);
    }

    @Test
    void aSignInInUseEndsTwelveHoursAfterItWasMadeAndItsLiveStreamCloses() throws Exception {
        WebServer web = page("web-users.json");
        ApiClient li = new ApiClient(base(web));
        assertThat(li.setup(token(web), "li", PASSWORD).status()).isEqualTo(200);
        ApiClient office = new ApiClient(base(web));
        assertThat(office.login("li", PASSWORD).status()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stream = office.stream("/api/live", lines);
        WebRig.await("the first live event", Duration.ofSeconds(20), () -> lines.contains("event: overview"));

        // The office's PC uses it every 20 minutes, well within the 30 minutes' idle lapse, all day and night.
        for (int used = 20; used < 12 * 60; used += 20) {
            minutes(20);
            assertThat(office.get("/api/me").status()).as("used %d min after signing in", used).isEqualTo(200);
        }
        minutes(19);
        assertThat(office.get("/api/overview").status()).as("11 h 59 min after signing in").isEqualTo(200);
        assertThat(stream).as("the live stream 11 h 59 min after signing in").isNotDone();

        minutes(2);
        WebRig.await("the live stream closed 12 h 1 min after signing in", Duration.ofSeconds(20), stream::isDone);
        assertThat(office.get("/api/me").status()).as("12 h 1 min after signing in, though used").isEqualTo(401);
        assertThat(office.get("/api/overview").status()).isEqualTo(401);
        assertThat(office.login("li", PASSWORD).status()).as("signing in again").isEqualTo(200);
        assertThat(office.get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void signingOutNeedsTheCsrfToken() throws Exception {
        WebServer web = page("web-users.json");
        ApiClient li = new ApiClient(base(web));
        assertThat(li.setup(token(web), "li", PASSWORD).status()).isEqualTo(200);

        // What another site's page could send, were SameSite and the JSON rule not there: no token, or a wrong one.
        assertThat(li.post("/api/logout", "{}", "application/json", null).status()).as("no token").isEqualTo(403);
        assertThat(li.post("/api/logout", "{}", "application/json", "x" + li.csrf).status()).as("a wrong token")
                .isEqualTo(403);
        assertThat(li.get("/api/me").status()).as("still signed in").isEqualTo(200);

        assertThat(li.post("/api/logout", "{}").status()).as("with its token").isEqualTo(204);
        assertThat(li.get("/api/me").status()).isEqualTo(401);

        ApiClient installer = new ApiClient(base(web));
        assertThat(installer.login("li", PASSWORD).status()).isEqualTo(200);
        assertThat(installer.post("/api/users", "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"" + PASSWORD
                + "\"}").status()).isEqualTo(201);
        ApiClient wang = new ApiClient(base(web));
        assertThat(wang.login("wang", PASSWORD).status()).isEqualTo(200);
        assertThat(wang.post("/api/logout", "{}", "application/json", null).status()).as("a viewer, no token")
                .isEqualTo(403);
        assertThat(wang.post("/api/logout", "{}").status()).as("a viewer, with its token").isEqualTo(204);
        assertThat(wang.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void theSetupLinkWorksADayLessAMinuteAfterTheStart() throws Exception {
        WebServer web = page("web-users.json");
        String token = token(web);
        minutes(24 * 60 - 1);
        assertThat(web.setupUrl()).as("the link a minute before it lapses").endsWith(token);
        assertThat(new ApiClient(base(web)).setup(token, "li", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theSetupLinkLapsesADayAfterTheStartAndARestartMakesANewOne() throws Exception {
        WebServer web;
        List<String> logged;
        try (CapturedLog log = new CapturedLog()) {
            web = page("web-users.json");
            logged = log.lines("set one up once at", "#setup=");
        }
        String token = token(web);
        minutes(24 * 60 + 1);
        assertThat(web.setupUrl()).as("a lapsed link").isNull();
        try (CapturedLog log = new CapturedLog()) {
            ApiClient.Reply lapsed = new ApiClient(base(web)).setup(token, "mallory", PASSWORD);
            assertThat(lapsed.status()).isEqualTo(403);
            assertThat(lapsed.body().get("error").asText()).contains("lapsed").contains("restart the gateway");
            assertThat(log.lines("local page:", "lapsed setup link", "restart")).hasSize(1);
        }
        assertThat(new ApiClient(base(web)).login("mallory", PASSWORD).status()).as("no account made").isEqualTo(401);
        assertThat(logged).as("the link logged with when it lapses").singleElement().asString().contains(" until ");

        web.close();
        pages.remove(web);
        WebServer restarted = page("web-users.json");
        String again = token(restarted);
        assertThat(again).isNotEqualTo(token);
        assertThat(new ApiClient(base(restarted)).setup(token, "mallory", PASSWORD).status()).as("the old link")
                .isEqualTo(403);
        assertThat(new ApiClient(base(restarted)).setup(again, "li", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theStatusSaysOnlyWhatThePageNeedsBeforeASignIn() throws Exception {
        WebServer web = page("web-users.json");
        List<String> fields = new java.util.ArrayList<>();
        new ApiClient(base(web)).get("/api/status").body().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("no word of whether setup is pending").containsExactlyInAnyOrder("gatewayId", "zone");
    }
}
