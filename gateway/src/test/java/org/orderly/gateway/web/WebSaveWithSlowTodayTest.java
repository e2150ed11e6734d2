package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.LiveRig;
import org.orderly.gateway.app.config.WebConfig;
import org.orderly.gateway.web.view.Today;

/**
 * A reservation's save is answered, and the saved reservation streamed and read, while the store has not yet answered
 * today's figures: the overview built again for the save takes the last figures computed (live gateway, real bridges
 * and meter on 127.0.0.1; today's computation from the real store held on a latch the test opens). Until 2026-12-07
 * today was computed on the live feed's own thread: the save's rebuild waited behind it, gave up after 2 s, and the
 * overview read after the save was the one from before it.
 */
class WebSaveWithSlowTodayTest {
    /** P0's row with the reservation saved, as the overview's JSON says it. */
    private static final String SAVED = "\"declaredKwh\":42.0";

    @TempDir
    Path dir;

    @Test
    void aSaveIsNotHeldByAStoreSlowToAnswerTodaysFigures() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch storeAnswers = new CountDownLatch(1);
        AtomicBoolean answered = new AtomicBoolean();
        try (LiveRig live = new LiveRig(1, 8, dir, LiveRig.FLAT_TARIFF, "");
             CapturedLog log = new CapturedLog();
             WebServer web = WebServer.start(live.gateway, new WebConfig("127.0.0.1", 0, Duration.ofMinutes(30),
                     dir.resolve("web-users.json")), Clock.systemUTC(), Clock.systemUTC(),
                     today -> slow(today, computing, storeAnswers, answered))) {
            try {
                ApiClient li = new ApiClient("http://127.0.0.1:" + web.port());
                String setup = web.setupUrl();
                String token = setup.substring(setup.indexOf("#setup=") + "#setup=".length());
                assertThat(li.setup(token, SignedInPage.NAME, SignedInPage.PASSWORD).status()).isEqualTo(200);
                WebRig.await("p0's car plugged in on the page", Duration.ofSeconds(20),
                        () -> p0(overview(li)).path("plugged").asBoolean());
                assertThat(computing.await(20, TimeUnit.SECONDS)).as("today's computation begun").isTrue();
                List<String> lines = new CopyOnWriteArrayList<>();
                li.stream("/api/live", lines);

                assertThat(li.post("/api/piles/p0/reservation", "{\"energyKwh\":42}").status()).isEqualTo(202);
                assertThat(answered).as("the store's answer of today's figures, at the save's reply").isFalse();
                assertThat(log.lines("the overview was not built again at once"))
                        .as("the save's rebuild, not given up for want of today's figures").isEmpty();
                assertThat(p0(overview(li)).path("declaredKwh").asDouble())
                        .as("the overview read after the save's reply").isEqualTo(42);
                WebRig.await("the saved reservation on the live stream", Duration.ofSeconds(20),
                        () -> overviews(lines).anyMatch(o -> o.contains(SAVED)));
                assertThat(answered).as("the store's answer of today's figures, at the stream's overview").isFalse();
                // The page sees it first: no overview streamed after the one with the saved reservation is without it.
                List<String> streamed = overviews(lines).toList();
                List<String> since = streamed.subList(streamed.indexOf(
                        streamed.stream().filter(o -> o.contains(SAVED)).findFirst().orElseThrow()), streamed.size());
                assertThat(since).as("the stream's overviews from the first with the saved reservation")
                        .allMatch(o -> o.contains(SAVED));
            } finally {
                storeAnswers.countDown();
            }
        }
    }

    private static Stream<String> overviews(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("data:"));
    }

    private static JsonNode overview(ApiClient li) {
        try {
            return li.get("/api/overview").body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET /api/overview", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading /api/overview", e);
        }
    }

    private static JsonNode p0(JsonNode overview) {
        return overview.path("piles").path(0);
    }

    /** Today's computation, its first held until {@code storeAnswers} is opened, as a store busy elsewhere holds it. */
    private static Supplier<Today> slow(Supplier<Today> today, CountDownLatch computing, CountDownLatch storeAnswers,
                                        AtomicBoolean answered) {
        return () -> {
            computing.countDown();
            try {
                storeAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("today's computation interrupted while the store was held", e);
            }
            Today figures = today.get();
            answered.set(true);
            return figures;
        };
    }
}
