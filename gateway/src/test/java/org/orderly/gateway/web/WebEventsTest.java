package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.Store;

/**
 * The stored events the page is sent hold every event handed to the store before the request (live gateway on
 * 127.0.0.1, real SQLite file). The page asks for them the moment an alarm appears, while the alarm's event may still
 * be in the store writer's queue behind a commit; an answer without it left the event off the page until the page's
 * next refresh a minute later.
 */
@Timeout(60)
class WebEventsTest {
    @TempDir
    Path dir;

    /**
     * The store keeps an event's time in whole seconds: an event of the second the request comes in is in its answer
     * (the page's request for the events on an alarm comes within the second of the alarm's event).
     */
    @Test
    void anEventOfTheCurrentSecondIsInTheAnswer() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            ApiClient api = installer(rig);
            Store store = rig.live.gateway.store();
            for (int i = 0; i < 10; i++) {
                // From the start of a second, so that the event and the answer fall within it (checked below).
                Thread.sleep(1000 - System.currentTimeMillis() % 1000);
                long second = Instant.now().getEpochSecond();
                String marker = "stored at " + second;
                assertThat(store.event("test.marker", "gw-test", marker)).isTrue();
                assertThat(store.flush(Duration.ofSeconds(10))).as("the event committed").isTrue();
                JsonNode events = api.get("/api/events?hours=1").body();
                if (Instant.now().getEpochSecond() != second) {
                    continue;
                }
                List<String> messages = new ArrayList<>();
                events.forEach(e -> messages.add(e.get("message").asText()));
                assertThat(messages).as("the events answered in the second of the event").contains(marker);
                return;
            }
            throw new AssertionError("no answer came within the second of its event in 10 tries");
        }
    }

    @Test
    void anEventHandedToTheStoreBeforeTheRequestIsInItsAnswer() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            ApiClient api = installer(rig);
            assertThat(api.get("/api/events?hours=1").status()).isEqualTo(200);
            Store store = rig.live.gateway.store();

            // Another connection holds the write lock for a second: the event waits in the store's writer meanwhile
            // (within SQLite's 5 s busy timeout, so it is committed once the lock is gone, not retried).
            Connection locker = store.database().open();
            try (Statement s = locker.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1000);
                    locker.close();
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException("releasing the lock", e);
                }
            });
            assertThat(store.event("test.marker", "gw-test", "handed over while the file was locked")).isTrue();
            JsonNode events = api.get("/api/events?hours=1").body();
            released.get(10, TimeUnit.SECONDS);

            List<String> kinds = new ArrayList<>();
            events.forEach(e -> kinds.add(e.get("kind").asText()));
            assertThat(kinds).as("the events answered").contains("test.marker");
        }
    }

    /**
     * A pause made on the page is sent with its arguments (docs/web.md, "Events"), from which the page says it in its
     * language; an event stored without them is sent without them, and shown as stored.
     */
    @Test
    void anEventIsSentWithItsArgumentsAndOneWithoutThemWithout() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            ApiClient api = installer(rig);
            assertThat(api.post("/api/piles/p0/limit", "{\"amps\": 0}").status()).isEqualTo(202);
            Store store = rig.live.gateway.store();
            assertThat(store.event("test.marker", "gw-test", "no arguments")).isTrue();
            JsonNode events = api.get("/api/events?hours=1").body();
            JsonNode limit = null;
            JsonNode marker = null;
            for (JsonNode e : events) {
                limit = e.get("kind").asText().equals("web.limit") ? e : limit;
                marker = e.get("kind").asText().equals("test.marker") ? e : marker;
            }
            assertThat(limit).as("the pause's event in %s", events).isNotNull();
            assertThat(limit.get("message").asText()).isEqualTo("0 A by li");
            assertThat(limit.path("args").path("form").asText()).isEqualTo("paused");
            assertThat(limit.path("args").path("by").asText()).isEqualTo("li");
            assertThat(marker).as("the marker in %s", events).isNotNull();
            assertThat(marker.path("args").isMissingNode() || marker.path("args").isNull()).as("%s", marker).isTrue();
        }
    }

    /**
     * The event of an installer's limit says the current as the pile's row does (10 A, 10.5 A); until 2026-12-04 it
     * said Java's 10.0 A, in its message and its {@code amps} argument, beside the row's 10 A.
     */
    @Test
    void aLimitsEventSaysTheCurrentAsThePilesRowDoes() throws Exception {
        try (WebRig rig = new WebRig(2, dir)) {
            ApiClient api = installer(rig);
            ApiClient.Reply limited = api.post("/api/piles/p0/limit", "{\"amps\": 10}");
            assertThat(limited.status()).isEqualTo(202);
            // The store takes writes: the answer says the event recorded (WebChangeNotRecordedTest: one that does not).
            assertThat(limited.body().path("recorded").asText()).as("%s", limited.body()).isEqualTo("true");
            assertThat(api.post("/api/piles/p1/limit", "{\"amps\": 10.5}").status()).isEqualTo(202);
            WebRig.await("both limits in the piles' rows", Duration.ofSeconds(10), () -> {
                JsonNode piles = PageAlarms.overview(api).get("piles");
                return piles.get(0).path("limitAmps").asDouble(-1) == 10 && piles.get(1).path("limitAmps").asDouble(-1) == 10.5;
            });
            List<String> messages = new ArrayList<>();
            List<String> amps = new ArrayList<>();
            for (JsonNode e : api.get("/api/events?hours=1").body()) {
                if (e.get("kind").asText().equals("web.limit")) {
                    messages.add(e.get("message").asText());
                    amps.add(e.path("args").path("amps").asText());
                }
            }
            assertThat(messages).containsExactlyInAnyOrder("10 A by li", "10.5 A by li");
            assertThat(amps).containsExactlyInAnyOrder("10", "10.5");
        }
    }

    /**
     * The property manager's list leaves out the gateway's bookkeeping: until 2026-12-05 it showed a fresh store's
     * numbering, 上行消息编号已开始 · /var/lib/orderly/orderly.db · 上行消息编号从 1796461047403 开始, and the like,
     * which the manager can do nothing about. An event the manager can act on, or one of a kind the gateway does not
     * make, is listed as before. A viewer is not sent the bookkeeping; an installer, who needs it (until 2026-12-05
     * left out for every role), is sent it marked {@code bookkeeping}, which the page lists on the installer's asking.
     */
    @Test
    void theGatewaysBookkeepingIsNotListedButAnInstallerIsSentItMarked() throws Exception {
        try (WebRig rig = new WebRig(1, dir)) {
            ApiClient api = installer(rig);
            assertThat(api.post("/api/users", "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"0123456789ab\"}")
                    .status()).isEqualTo(201);
            ApiClient viewer = new ApiClient(rig.base);
            assertThat(viewer.login("wang", "0123456789ab").status()).isEqualTo(200);
            Store store = rig.live.gateway.store();
            String file = dir.resolve("orderly.db").toString();
            assertThat(store.event(EventKind.STORE_NUMBERED, file, "upstream message ids begin at 1796461047403",
                    EventKind.FORM, "clockSet", "file", file, "seqFrom", 1796461047403L)).isTrue();
            assertThat(store.event(EventKind.OUTBOX_TRIMMED, "outbox", "3 unsent messages trimmed",
                    "count", 3, "firstSeq", 1796461047403L, "lastSeq", 1796461047405L)).isTrue();
            assertThat(store.event(EventKind.STORE_OVERFLOW, "store", "2 writes dropped",
                    "dropped", 2, "capacity", 10000, "total", 2)).isTrue();
            assertThat(store.event(EventKind.LOG_DROPPED, "gw-test", "5 log lines dropped",
                    "count", 5, "since", "2026-12-05T09:00:00Z", "total", 5)).isTrue();
            assertThat(store.event(EventKind.STORE_DAMAGED, file, "damaged", "file", file, "found", "page 3")).isTrue();
            assertThat(store.event("test.marker", "gw-test", "a kind the gateway does not make")).isTrue();
            assertThat(store.flush(Duration.ofSeconds(10))).as("the events committed").isTrue();
            List<String> kinds = new ArrayList<>();
            viewer.get("/api/events?hours=1").body().forEach(e -> kinds.add(e.get("kind").asText()));
            assertThat(kinds).as("the events a viewer is sent").contains("store.damaged", "test.marker")
                    .doesNotContain("store.numbered", "outbox.trimmed", "store.overflow", "log.dropped");
            List<String> listed = new ArrayList<>();
            List<String> bookkeeping = new ArrayList<>();
            api.get("/api/events?hours=1").body().forEach(e -> (e.path("bookkeeping").asBoolean(false) ? bookkeeping
                    : listed).add(e.get("kind").asText()));
            assertThat(listed).as("the installer's, listed").contains("store.damaged", "test.marker")
                    .doesNotContain("store.numbered", "outbox.trimmed", "store.overflow", "log.dropped");
            assertThat(bookkeeping).as("the installer's, marked bookkeeping")
                    .contains("store.numbered", "outbox.trimmed", "store.overflow", "log.dropped");
        }
    }

    /** The installer's client, signed in through the setup link. */
    private static ApiClient installer(WebRig rig) throws Exception {
        ApiClient api = new ApiClient(rig.base);
        assertThat(api.setup(rig.setupToken(), "li", "0123456789ab").status()).isEqualTo(200);
        return api;
    }
}
