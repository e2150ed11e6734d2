package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.TestBridge;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreRefusal;
import org.orderly.gateway.store.StoreWriter;
import org.orderly.testkit.Mosquitto;

/**
 * The page's {@code /metrics} and {@code /healthz} on a live gateway on 127.0.0.1 (real bridges, a real Modbus TCP
 * transformer meter), read with a real HTTP client: the text is Prometheus' format, its figures are the gateway's, they
 * change when the world does, and who may read them is what {@code web.metrics} says.
 */
class WebMetricsTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private WebRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private static ScrapedMetrics scrape(ApiClient client) throws Exception {
        HttpResponse<String> r = client.getText("/metrics");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        return new ScrapedMetrics(r.body());
    }

    /** The transformer meter's failed polls, of every kind. */
    private static double failures(ScrapedMetrics m) {
        return m.samples().entrySet().stream().filter(e -> e.getKey().startsWith("orderly_meter_poll_failures_total{")
                && e.getKey().contains("meter=\"transformer\"")).mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void theFiguresAreTheGatewaysInPrometheusTextAndFollowTheWorld() throws Exception {
        rig = new WebRig(2, dir, List::of, ", metrics: open");
        ApiClient scraper = new ApiClient(rig.base);
        // Both piles heard too: a pile's first status waits for its /info, which a loaded machine can answer after the
        // first cycles, and until then the page has it offline (CI, 2026-12-06: p0 offline 1.0 at the first scrape).
        WebRig.await("a control cycle, a meter poll and both piles heard", WITHIN, () -> {
            try {
                ScrapedMetrics m = scrape(scraper);
                return m.get("orderly_control_cycles_total") > 0
                        && m.value("orderly_meter_polls_total{meter=\"transformer\"}").orElse(0) > 0
                        && m.value("orderly_transformer_load_watts").isPresent()
                        && m.value("orderly_pile_offline{pile=\"p0\"}").orElse(1) == 0
                        && m.value("orderly_pile_offline{pile=\"p1\"}").orElse(1) == 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        ScrapedMetrics m = scrape(scraper);
        assertThat(m.types()).containsEntry("orderly_control_cycles_total", "counter")
                .containsEntry("orderly_transformer_load_watts", "gauge");
        assertThat(m.samples().keySet()).anyMatch(k -> k.startsWith("orderly_build_info{version=\""));
        assertThat(m.get("orderly_transformer_limit_watts"))
                .isEqualTo(rig.live.gateway.config().transformer().limitKw() * 1000);
        assertThat(m.get("orderly_pile_offline{pile=\"p0\"}")).isZero();
        assertThat(m.get("orderly_pile_offline{pile=\"p1\"}")).isZero();
        assertThat(m.get("orderly_piles_offline")).isZero();
        assertThat(m.get("orderly_control_mode{mode=\"normal\"}")).isEqualTo(1);
        assertThat(m.get("orderly_control_last_cycle_age_seconds")).isLessThan(m.get("orderly_control_stall_seconds"));
        assertThat(m.get("orderly_store_writable")).isEqualTo(1);
        assertThat(m.get("orderly_alarms_active{kind=\"meter_stale\"}")).isZero();
        double failedBefore = failures(m);
        HttpResponse<String> healthy = scraper.getText("/healthz");
        assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("ok\n");

        // The transformer meter stops answering: its failures rise, the control goes conservative and health says so.
        rig.live.meter.stop();
        WebRig.await("the meter's failures counted and health saying why", WITHIN, () -> {
            try {
                ScrapedMetrics now = scrape(scraper);
                HttpResponse<String> health = scraper.getText("/healthz");
                return failures(now) > failedBefore && health.statusCode() == 503;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        HttpResponse<String> health = scraper.getText("/healthz");
        assertThat(health.body()).startsWith("control: conservative, no fresh transformer reading");
        // The overview the figures come from is the page's, built every control period: it may be one behind.
        WebRig.await("the mode conservative and no load while the meter is not trusted", WITHIN, () -> {
            ScrapedMetrics after = scrapeQuietly(scraper);
            return after.get("orderly_control_mode{mode=\"conservative\"}") == 1
                    && after.value("orderly_transformer_load_watts").isEmpty();
        });
        WebRig.await("the meter's alarm counted", WITHIN, () -> {
            try {
                return scrape(scraper).get("orderly_alarms_active{kind=\"meter_stale\"}") == 1;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** With an upstream section: the link's state and the outbox, while the broker answers and after it stops. */
    @Test
    void theUpstreamLinkAndItsOutboxAreCounted() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            rig = new WebRig(1, dir, """
                    upstream:
                      broker: %s
                      plaintext: true
                      telemetryPeriodMs: 200
                    """.formatted(broker.url()), TestBridge::new);
            ApiClient installer = new ApiClient(rig.base);
            assertThat(installer.setup(rig.setupToken(), "li", "correct horse battery").status()).isEqualTo(200);
            WebRig.await("the link connected", WITHIN, () -> figure(installer, "orderly_upstream_connected") == 1);
            assertThat(scrape(installer).samples())
                    .containsKeys("orderly_outbox_messages", "orderly_outbox_dropped_total");

            broker.stop();
            WebRig.await("the link down and telemetry waiting in the outbox", WITHIN, () -> {
                ScrapedMetrics m = scrapeQuietly(installer);
                return m.get("orderly_upstream_connected") == 0 && m.get("orderly_outbox_messages") > 0
                        && m.value("orderly_outbox_oldest_age_seconds").orElse(0) > 0.5;
            });
        }
    }

    /**
     * A pile whose bridge refuses every limit but 0 A the gateway sends it (a 40 to 63 A pile configured as 32 A): the
     * page counts its failed sendings, rising, and none for the pile beside it, which takes its limits.
     */
    @Test
    void aPileRefusingItsLimitsHasItsFailedSendingsCounted() throws Exception {
        rig = WebRig.onePrice(2, dir, id -> id.equals("p0") ? TestBridge.refusingLimits(id) : new TestBridge(id));
        ApiClient installer = new ApiClient(rig.base);
        assertThat(installer.setup(rig.setupToken(), "li", "correct horse battery").status()).isEqualTo(200);
        String refusing = "orderly_pile_setpoint_failures_total{pile=\"p0\"}";
        WebRig.await("p0's refused limits counted", WITHIN, () -> figure(installer, refusing) >= 1);
        double first = figure(installer, refusing);
        WebRig.await("p0's count rising as the gateway sends again", WITHIN,
                () -> figure(installer, refusing) > first);
        WebRig.await("p1 holding its lease", WITHIN, () -> rig.live.bridges.get(1).leased());
        ScrapedMetrics m = scrape(installer);
        assertThat(m.types()).containsEntry("orderly_pile_setpoint_failures_total", "counter");
        assertThat(m.get("orderly_pile_setpoint_failures_total{pile=\"p1\"}")).isZero();
        assertThat(rig.live.bridges.get(0).ampsOffered()).as("p0 took no limit but 0 A").isZero();
    }

    /**
     * A store that refuses its writes (its writer's connection made read-only, SQLITE_READONLY, as a card the kernel
     * remounted read-only): {@code /healthz} answers 503 and one line naming the store and SQLite's code, and
     * {@code orderly_store_writable} is 0; once it takes writes again, 200 {@code ok}.
     */
    @Test
    void aStoreRefusingItsWritesIsWhatHealthSays() throws Exception {
        rig = new WebRig(1, dir, List::of, ", metrics: open");
        ApiClient scraper = new ApiClient(rig.base);
        WebRig.await("healthy", WITHIN, () -> health(scraper).statusCode() == 200);
        Store store = rig.live.gateway.store();
        StoreRefusal.readOnly(store, true);
        try {
            // The control loop's readings are written once a minute is over, so the gateway's own next write may be a
            // minute away: an event written now is the write that is refused, at once.
            assertThat(store.event("test", "webMetricsTest", "a write for the read-only store to refuse")).isTrue();
            WebRig.await("health saying the store refuses its writes", WITHIN,
                    () -> health(scraper).statusCode() == 503);
            HttpResponse<String> refused = health(scraper);
            assertThat(refused.body()).isEqualTo("store: writes refused (SQLITE_READONLY)\n");
            assertThat(scrape(scraper).get("orderly_store_writable")).isZero();
        } finally {
            StoreRefusal.readOnly(store, false);
        }
        // The store takes writes again at the writer's next commit that changes something: this event's, so no wait for
        // the next minute's readings. A session's row the writer keeps (one rewritten while the store refused it) is
        // tried before it, after 1 s, then twice as long each time up to StoreWriter.KEPT's 30 s (docs/operations.md):
        // the bound is that period, and WITHIN for the try itself.
        assertThat(store.event("test", "webMetricsTest", "a write for the store to take again")).isTrue();
        WebRig.await("the store taking writes again", StoreWriter.KEPT.max().plus(WITHIN), store::writable);
        String[] said = {""};
        try {
            WebRig.await("healthy again once the store takes writes", WITHIN, () -> {
                HttpResponse<String> r = health(scraper);
                said[0] = r.body();
                return r.statusCode() == 200;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; /healthz said: " + said[0].strip(), e);
        }
        assertThat(health(scraper).body()).isEqualTo("ok\n");
    }

    private static HttpResponse<String> health(ApiClient client) {
        try {
            return client.getText("/healthz");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ScrapedMetrics scrapeQuietly(ApiClient client) {
        try {
            return scrape(client);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double figure(ApiClient client, String sample) {
        return scrapeQuietly(client).value(sample).orElse(Double.NaN);
    }

    /**
     * With {@code metrics: token}, the token in its file (written with an editor's final newline, as Prometheus strips
     * its credentials_file) as a bearer token reads both; none, a wrong one, one a character short or long, another
     * scheme and a signed-in browser get 401 and an empty body; the token is in no line the gateway logs.
     */
    @Test
    void withATokenOnlyTheBearerOfItReadsThem() throws Exception {
        String token = "9f2c41d07be35a86c1e4f0d29a7b63e5";
        Path file = Files.writeString(dir.resolve("metrics.token"), token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (CapturedLog log = new CapturedLog()) {
            // Each wrong token from an address of its own (forwarded by 127.0.0.1, a trusted proxy): five from one
            // address would hold it off (WebMetricsTokenTest).
            rig = new WebRig(1, dir, List::of, ", metrics: token, metricsTokenFile: " + file
                    + ", trustedProxies: [127.0.0.1]");
            ApiClient scraper = new ApiClient(rig.base);
            HttpResponse<String> read = scraper.getText("/metrics", "Bearer " + token);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(new ScrapedMetrics(read.body()).samples()).containsKey("orderly_control_cycles_total");
            assertThat(scraper.getText("/healthz", "bearer " + token).statusCode()).isIn(200, 503);

            ApiClient installer = new ApiClient(rig.base);
            assertThat(installer.setup(rig.setupToken(), "li", "correct horse battery").status()).isEqualTo(200);
            int guessers = 0;
            for (String path : List.of("/metrics", "/healthz")) {
                assertRefused(scraper.getText(path), path + " without a token");
                assertRefused(installer.getText(path), path + " by a signed-in browser");
                for (String wrong : List.of("Bearer " + token.substring(1), "Bearer " + token + "0",
                        "Bearer " + token.replace('9', '8'), "Basic " + token, token, "Bearer")) {
                    ApiClient guesser = new ApiClient(rig.base).forwardedFor("192.0.2." + ++guessers);
                    assertRefused(guesser.getText(path, wrong), path + " with " + wrong);
                }
            }
            assertThat(log.lines(token)).as("the token logged").isEmpty();
        }
    }

    private static void assertRefused(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as(what).isEqualTo(401);
        assertThat(r.body()).as(what).isEmpty();
        assertThat(r.headers().firstValue("WWW-Authenticate")).as(what).contains("Bearer");
    }

    @Test
    void byDefaultOnlyASignedInBrowserReadsThem() throws Exception {
        rig = new WebRig(1, dir);
        ApiClient installer = new ApiClient(rig.base);
        assertThat(installer.setup(rig.setupToken(), "li", "correct horse battery").status()).isEqualTo(200);
        ApiClient stranger = new ApiClient(rig.base);
        assertThat(stranger.getText("/metrics").statusCode()).isEqualTo(401);
        assertThat(stranger.getText("/healthz").statusCode()).isEqualTo(401);
        assertThat(scrape(installer).samples()).containsKey("orderly_control_cycles_total");
        assertThat(installer.getText("/healthz").statusCode()).isIn(200, 503);
    }
}
