package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.StoreRefusal;

/**
 * Each of the page's changes made while the store refuses its writes (its writer's connection made read-only, as an SD
 * card the kernel remounted read-only: SQLITE_READONLY) is in force, and its answer says that its event was not
 * recorded and why ({@link ChangeRecord}): a reservation, a pile's limit, an alarm's acknowledgement, the setup, a user
 * added, changed and removed, one's own password. Until 2026-12-07 each was answered as if recorded, its event lost
 * unsaid (a live gateway on 127.0.0.1, real bridges and meter, a real SQLite file; one gateway for every case).
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebChangeNotRecordedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "0123456789ab";

    /** Static: the rig is the class's, made before any instance's field is injected. */
    @TempDir
    static Path dir;

    private WebRig rig;
    private ApiClient li;
    /** The setup's answer, made while the store refuses writes, as every change here. */
    private ApiClient.Reply setup;

    @BeforeAll
    void startRefusing() throws Exception {
        rig = new WebRig(1, dir);
        StoreRefusal.readOnly(rig.live.gateway.store(), true);
        li = new ApiClient(rig.base);
        setup = li.setup(rig.setupToken(), "li", PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (rig != null) {
            StoreRefusal.readOnly(rig.live.gateway.store(), false);
            rig.close();
        }
    }

    @Test
    void theSetupSignsInAndSaysItsEventNotRecorded() {
        assertThat(setup.status()).as("%s", setup.body()).isEqualTo(200);
        assertThat(setup.body().path("csrf").asText()).as("signed in").isNotEmpty();
        assertNotRecorded(setup);
    }

    @Test
    void aReservationIsInForceAndSaidNotRecorded() throws Exception {
        WebRig.await("p0's car plugged in on the page", WAIT, () -> p0().path("plugged").asBoolean());
        try (CapturedLog log = new CapturedLog()) {
            ApiClient.Reply saved = li.post("/api/piles/p0/reservation", "{\"energyKwh\":42}");

            assertThat(saved.status()).as("%s", saved.body()).isEqualTo(202);
            assertNotRecorded(saved);
            assertThat(log.lines("pile p0's reservation by li is in force but not recorded")).hasSize(1);
        }
        WebRig.await("the reservation in force", WAIT, () -> p0().path("declaredKwh").asDouble() == 42);
    }

    @Test
    void aLimitIsInForceAndSaidNotRecorded() throws Exception {
        ApiClient.Reply limited = li.post("/api/piles/p0/limit", "{\"amps\":0}");

        assertThat(limited.status()).as("%s", limited.body()).isEqualTo(202);
        assertNotRecorded(limited);
        WebRig.await("the pause in force", WAIT, () -> p0().path("limitAmps").isNumber()
                && p0().path("limitAmps").asDouble() == 0);
    }

    @Test
    void anAcknowledgementIsInForceAndSaidNotRecorded() throws Exception {
        WebRig.await("the store's alarm", WAIT, () -> storeAlarm() != null);
        ApiClient.Reply acked = li.post("/api/alarms/" + storeAlarm().path("id").asText() + "/ack", "{}");

        assertThat(acked.status()).as("%s", acked.body()).isEqualTo(200);
        assertThat(acked.body().path("acknowledgedBy").asText()).isEqualTo("li");
        assertThat(acked.body().path("kind").asText()).isEqualTo("STORE_WRITES_FAILING");
        assertNotRecorded(acked);
        // Awaited: /api/overview is the live feed's latest, built each cycle, maybe before the acknowledgement (until
        // mend62b read at once, which failed once under a full CI: acknowledgedBy null).
        WebRig.await("the acknowledgement in force", WAIT, () -> storeAlarm() != null
                && storeAlarm().path("acknowledgedBy").asText().equals("li"));
    }

    @Test
    void aUserAddedChangedAndRemovedIsSaidNotRecordedEachTime() throws Exception {
        String user = "{\"name\":\"wang\",\"role\":\"viewer\",\"password\":\"" + PASSWORD + "\"}";
        ApiClient.Reply added = li.post("/api/users", user);
        assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
        assertNotRecorded(added);
        ApiClient.Reply changed = li.post("/api/users", user.replace("viewer", "installer"));
        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        assertNotRecorded(changed);
        assertThat(li.get("/api/users").body().toString()).as("in force").contains("\"role\":\"installer\"");
        ApiClient.Reply removed = li.send("DELETE", "/api/users/wang", null);
        assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
        assertNotRecorded(removed);
        assertThat(li.get("/api/users").body().toString()).as("in force").doesNotContain("wang");
    }

    @Test
    void onesOwnPasswordChangedIsSaidNotRecorded() throws Exception {
        ApiClient zhao = new ApiClient(rig.base);
        assertThat(li.post("/api/users", "{\"name\":\"zhao\",\"role\":\"viewer\",\"password\":\"" + PASSWORD
                + "\"}").status()).isEqualTo(201);
        assertThat(zhao.login("zhao", PASSWORD).status()).isEqualTo(200);
        ApiClient.Reply changed = zhao.post("/api/me/password", "{\"current\":\"" + PASSWORD
                + "\",\"password\":\"abcdefghijkl\"}");

        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        assertNotRecorded(changed);
        assertThat(new ApiClient(rig.base).login("zhao", "abcdefghijkl").status()).as("in force").isEqualTo(200);
    }

    /**
     * The answer says the event not recorded, why in one line, and why as the code the page says in its language
     * (MessagesTest holds the texts): SQLite's primary code, {@code SQLITE_READONLY}, or {@code TIMEOUT} when the
     * store's writer is retrying a session row ahead of the event (p0's row is rewritten at each minute's start and at a
     * reservation, and a row it keeps holds the queue while the store refuses writes: docs/operations.md, "When writes
     * fail"). Until read62d (2026-12-07) SQLITE_READONLY alone, which a case run after a minute's start failed.
     */
    private static void assertNotRecorded(ApiClient.Reply r) {
        assertThat(r.body().path("recorded").isBoolean()).as("recorded said: %s", r.body()).isTrue();
        assertThat(r.body().path("recorded").asBoolean()).as("%s", r.body()).isFalse();
        assertThat(r.body().path("notRecorded").asText()).as("%s", r.body()).startsWith("the store ")
                .doesNotContain("\n");
        assertThat(r.body().path("notRecordedCode").asText()).as("%s", r.body()).isIn("SQLITE_READONLY", "TIMEOUT");
    }

    private JsonNode p0() {
        return overview().path("piles").get(0);
    }

    /** Read in an await's condition, which throws nothing checked. */
    private JsonNode overview() {
        try {
            return li.get("/api/overview").body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the overview", e);
        }
    }

    /** The overview's STORE_WRITES_FAILING alarm, null while there is none. */
    private JsonNode storeAlarm() {
        for (JsonNode a : overview().path("alarms")) {
            if (a.path("kind").asText().equals("STORE_WRITES_FAILING")) {
                return a;
            }
        }
        return null;
    }
}
