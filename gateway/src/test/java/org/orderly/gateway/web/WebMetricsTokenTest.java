package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.config.MetricsAccess;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * {@code web.metrics: token} on a live gateway's page on 127.0.0.1, read with a real HTTP client: wrong bearer tokens
 * are held to five per address and then one a minute on the people's clock the test moves, without holding off a
 * scraper elsewhere; and a token written to {@code web.metricsTokenFile} is taken while the page runs, a bad one not.
 * The page trusts 127.0.0.1 as a proxy, so each client is the address its {@code X-Forwarded-For} names (documentation
 * addresses, only text in a header: every connection is to 127.0.0.1).
 */
class WebMetricsTokenTest {
    private static final String TARIFF = "tariff:\n  periods: [ { from: \"00:00\", to: \"24:00\", price: 0.5 } ]\n";
    private static final String TOKEN = "9f2c41d07be35a86c1e4f0d29a7b63e5";
    private static final String NEXT = "0d4e7a21c9b85f3608e1a7c4b2d95f13";
    @TempDir
    Path dir;
    private final VirtualClock people = new VirtualClock(Instant.now(), ZoneOffset.UTC);
    private LiveRig live;
    private WebServer web;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        live = new LiveRig(1, 8, dir, TARIFF, "");
        file = Files.writeString(dir.resolve("metrics.token"), TOKEN + "\n");
        web = WebServer.start(live.gateway, new WebConfig("127.0.0.1", 0, Duration.ofMinutes(30),
                dir.resolve("web-users.json"), Set.of("127.0.0.1"), Optional.empty(), Set.of(),
                WebConfig.DEFAULT_OVERLOAD_HOLD, MetricsAccess.TOKEN, Optional.of(file), WebConfig.DEFAULT_IDLE_TIMEOUT),
                Clock.systemUTC(), people);
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
        if (live != null) {
            live.close();
        }
    }

    private ApiClient from(String address) {
        return new ApiClient("http://127.0.0.1:" + web.port()).forwardedFor(address);
    }

    private static int status(ApiClient client, String token) throws Exception {
        return client.getText("/metrics", "Bearer " + token).statusCode();
    }

    @Test
    void fiveWrongTokensFromOneAddressHoldItOffAMinuteAndNoOneElse() throws Exception {
        ApiClient guesser = from("192.0.2.7");
        ApiClient prometheus = from("192.0.2.8");
        for (int i = 1; i <= 5; i++) {
            assertThat(status(guesser, "guess-number-" + i)).as("guess %d", i).isEqualTo(401);
            assertThat(status(prometheus, TOKEN)).as("the scraper elsewhere after guess %d", i).isEqualTo(200);
        }
        HttpResponse<String> refused = guesser.getText("/metrics", "Bearer " + TOKEN);
        assertThat(refused.statusCode()).as("the guesser, even with the right token").isEqualTo(429);
        assertThat(refused.body()).as("what a refusal says").isEmpty();
        assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After").contains("60");
        assertThat(guesser.getText("/healthz", "Bearer " + TOKEN).statusCode()).as("/healthz too").isEqualTo(429);
        assertThat(from("192.0.2.9, 192.0.2.7").getText("/metrics", "Bearer " + TOKEN).statusCode())
                .as("the guesser forging the leftmost entry").isEqualTo(429);
        for (int i = 1; i <= 10; i++) {
            assertThat(status(prometheus, TOKEN)).as("the scraper elsewhere, scrape %d", i).isEqualTo(200);
        }
        assertThat(from("192.0.2.8").getText("/metrics").statusCode()).as("no token at all").isEqualTo(401);

        people.advanceSeconds(45);
        HttpResponse<String> later = guesser.getText("/metrics", "Bearer " + TOKEN);
        assertThat(later.statusCode()).as("45 s on").isEqualTo(429);
        assertThat(later.headers().firstValue("Retry-After")).as("Retry-After 45 s on").contains("15");
        people.advanceSeconds(15);
        assertThat(status(guesser, TOKEN)).as("the right token a minute on").isEqualTo(200);
        assertThat(status(guesser, TOKEN)).as("and again: a right token spends none").isEqualTo(200);
        assertThat(status(guesser, "guess-number-6")).as("one more guess a minute on").isEqualTo(401);
        assertThat(status(guesser, TOKEN)).as("then none for another minute").isEqualTo(429);
    }

    @Test
    void aTokenWrittenToTheFileIsTakenWhileTheTokenBeforeIsNoLonger() throws Exception {
        ApiClient prometheus = from("192.0.2.8");
        try (CapturedLog log = new CapturedLog()) {
            Files.writeString(file, NEXT + "\n");
            FileScans.settle(web.jetty());
            assertThat(status(prometheus, NEXT)).as("the new token").isEqualTo(200);
            assertThat(status(prometheus, TOKEN)).as("the token before").isEqualTo(401);
            assertThat(log.lines(" INFO ", "now take the token in " + file)).hasSize(1);
            assertThat(log.text()).as("what was logged").doesNotContain(NEXT).doesNotContain(TOKEN);
        }
    }

    @Test
    void aBadFileKeepsTheTokenInForceAndSaysWhatAndWhereOnce() throws Exception {
        ApiClient prometheus = from("192.0.2.8");
        record Bad(String text, String why) {
        }
        for (Bad bad : new Bad[] {new Bad("\n", "is empty"), new Bad(NEXT.substring(0, 8) + " " + NEXT, "a space"),
                new Bad(NEXT + "\u00e9", "printable ASCII")}) {
            try (CapturedLog log = new CapturedLog()) {
                Files.writeString(file, bad.text());
                FileScans.settle(web.jetty());
                FileScans.settle(web.jetty());
                assertThat(status(prometheus, TOKEN)).as("the token in force, after a file that %s", bad.why())
                        .isEqualTo(200);
                assertThat(log.lines(" WARN ", file.toString(), bad.why(), "still take the token before"))
                        .as("one line for a file that %s", bad.why()).hasSize(1);
                assertThat(log.lines("metricsTokenFile")).as("lines for a file that %s", bad.why()).hasSize(1);
                assertThat(log.text()).doesNotContain(NEXT.substring(0, 8)).doesNotContain(TOKEN);
            }
        }
        try (CapturedLog log = new CapturedLog()) {
            Files.write(file, new byte[] {(byte) 0xe9});
            FileScans.settle(web.jetty());
            assertThat(status(prometheus, TOKEN)).as("the token in force, after a file in Latin-1").isEqualTo(200);
            assertThat(log.lines(" WARN ", file.toString(), "is not UTF-8 text")).hasSize(1);
        }
        try (CapturedLog log = new CapturedLog()) {
            Files.delete(file);
            FileScans.settle(web.jetty());
            assertThat(status(prometheus, TOKEN)).as("the token in force, after its file was removed").isEqualTo(200);
            assertThat(log.lines(" WARN ", file.toString(), "is missing")).hasSize(1);
        }
        Files.writeString(file, NEXT);
        FileScans.settle(web.jetty());
        assertThat(status(prometheus, NEXT)).as("a good file after the bad ones").isEqualTo(200);
        assertThat(status(prometheus, TOKEN)).isEqualTo(401);
    }

    @Test
    void closingThePageStopsItsTokenFileScan() throws Exception {
        assertThat(scanThreads()).as("the token file's scan while the page runs").isNotEmpty();
        web.close();
        web = null;
        WebRig.await("the token file's scan stopped with the page", Duration.ofSeconds(10),
                () -> scanThreads().isEmpty());
    }

    private static List<String> scanThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("orderly-web-token-scan")).toList();
    }
}
