package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.LiveSettings;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.tariff.BeijingTariff;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.OldSchema;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Topics;
import org.orderly.gateway.upstream.Upstream;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.gateway.upstream.outbox.OutboxRow;

/**
 * An ended session's upstream {@code session} message is in the outbox exactly once, whatever stops the gateway between
 * the session's row and its message: the real store and the real {@link Upstream} on one SQLite file, restarted on it
 * as the gateway is. The broker (a closed port on 127.0.0.1) is never reached, so every message stays in the outbox to
 * be counted.
 */
class SessionMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GATEWAY = "gw-s";

    @TempDir
    Path dir;

    private final Compound compound = CompoundFixtures.compound().limitKw(100).pile("P1", Phase.A, null).build();
    private final Clock clock = Clock.systemUTC();
    private final Instant arrival = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    private URI broker;
    private Store store;
    private Upstream upstream;

    @BeforeEach
    void closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            broker = URI.create("tcp://127.0.0.1:" + s.getLocalPort());
        }
    }

    @AfterEach
    void stop() {
        stopGateway();
    }

    @Test
    @Timeout(60)
    void aSessionWhoseRowEndedButWhoseMessageWasNeverStoredIsSentOnceAfterARestart() throws Exception {
        startGateway();
        SessionRecord open = open("P1@1-1", arrival);
        store.session(open);
        // The recorder writes the ended row, and the gateway stops: the session's message comes from that row alone,
        // whether the outbox's writer made it before the stop or makes it at the next start.
        SessionRecord ended = ended(open, arrival.plus(Duration.ofHours(2)));
        store.session(ended);
        assertThat(store.flush(WAIT)).isTrue();
        stopGateway();

        startGateway();
        assertThat(sessionMessages("P1@1-1")).as("the session message after the restart").singleElement()
                .satisfies(m -> {
                    assertThat(m.path("departure").asText()).isEqualTo(ended.departure().toString());
                    assertThat(m.path("departureSeen").asBoolean()).isTrue();
                    assertThat(m.path("deliveredKwh").asDouble()).isEqualTo(12.5);
                });
        stopGateway();

        startGateway();
        assertThat(sessionMessages("P1@1-1")).as("not again at the next start").hasSize(1);
    }

    @Test
    @Timeout(60)
    void aSessionWhoseEndedRowWasLostIsReportedOnceAsTheRestartClosesIt() throws Exception {
        startGateway();
        SessionRecord open = open("P1@2-2", arrival);
        store.session(open);
        assertThat(store.flush(WAIT)).isTrue();
        // The recorder ends the session, but its ended row is never committed (a power cut before the writer's commit,
        // or a crash), and with it the only source of the session's message: none was made.
        stopGateway();

        startGateway();
        List<SessionRecord> stillOpen;
        try (StoreReader r = store.reader()) {
            stillOpen = r.openSessions();
        }
        recorder().endedWhileDown(stillOpen);
        assertThat(sessionMessages("P1@2-2")).as("one message for the session, not two that disagree")
                .singleElement().satisfies(m -> assertThat(m.path("departureSeen").asBoolean())
                        .as("the store's account: its departure was not seen").isFalse());
    }

    @Test
    @Timeout(60)
    void aSessionEndedWhileTheUpstreamRunsIsStoredOnceHoweverOftenItIsLookedFor() throws Exception {
        startGateway();
        SessionRecord open = open("P1@3-3", arrival);
        store.session(open);
        SessionRecord ended = ended(open, arrival.plus(Duration.ofHours(2)));
        // As the recorder does it: the row, whose commit cues the outbox's writer; and the outbox's periodic tick on top.
        store.session(ended);
        assertThat(store.flush(WAIT)).isTrue();
        upstream.outbox().trimNow();
        assertThat(sessionMessages("P1@3-3")).hasSize(1);
        stopGateway();

        startGateway();
        assertThat(sessionMessages("P1@3-3")).as("after a restart").hasSize(1);
    }

    @Test
    @Timeout(60)
    void sessionsEndedWithoutUpstreamAreSentWhenItIsConfiguredIfWithinTheOutboxAge() throws Exception {
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 400), clock);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SessionRecord recent = open("P1@4-4", now.minus(Duration.ofDays(2)));
        SessionRecord old = open("P1@5-5", now.minus(Duration.ofDays(30)));
        store.session(ended(recent, recent.arrival().plus(Duration.ofHours(8))));
        store.session(ended(old, old.arrival().plus(Duration.ofHours(8))));
        assertThat(store.flush(WAIT)).isTrue();
        store.close();
        store = null;

        startGateway();
        assertThat(sessionMessages("P1@4-4")).as("ended 2 days ago, within the outbox's 7 days").hasSize(1);
        assertThat(sessionMessages("P1@5-5")).as("ended 30 days ago, beyond the outbox's 7 days").isEmpty();
    }

    @Test
    @Timeout(60)
    void aStoreOfAnOlderGatewayKeepsItsEndedSessionsAsReportedAndReportsThoseEndingLater() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = new Database(dir.resolve("orderly.db")).open()) {
            OldSchema.upTo(c, 5, Instant.EPOCH);
            insert(c, "P1@6-6", now.minus(Duration.ofHours(5)), now.minus(Duration.ofHours(4)));
            insert(c, "P1@7-7", now.minus(Duration.ofHours(1)), null);
        }
        startGateway();
        SessionRecord open;
        try (StoreReader r = store.reader()) {
            open = r.openSessions().get(0);
        }
        store.session(ended(open, now));
        assertThat(sessionMessages("P1@6-6")).as("ended before: the older gateway offered its message then").isEmpty();
        assertThat(sessionMessages("P1@7-7")).as("ended after the upgrade").hasSize(1);
    }

    private static void insert(Connection c, String id, Instant arrival, Instant departure) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sessions (id, pile, arrival, departure, "
                + "delivered_kwh, full, last_seen, pile_energy_kwh) VALUES (?, 'P1', ?, ?, 4, 0, ?, 4)")) {
            p.setString(1, id);
            p.setLong(2, arrival.getEpochSecond());
            p.setObject(3, departure == null ? null : departure.getEpochSecond());
            p.setLong(4, arrival.plusSeconds(600).getEpochSecond());
            p.executeUpdate();
        }
    }

    private void startGateway() {
        store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 400), clock);
        upstream = Upstream.start(UpstreamSettings.of(broker, GATEWAY, new Transport.Plaintext()), GATEWAY, store,
                compound, List::of, clock, Ticker.SYSTEM);
    }

    private void stopGateway() {
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private CycleRecorder recorder() {
        OrderlyPolicy policy = new OrderlyPolicy(compound, BeijingTariff.tariff(), LiveSettings.of(1.8),
                new GreedyPlanner(), Runnable::run);
        return RecorderBuilder.recorder(compound, store, policy).subject(GATEWAY).listener(upstream).build();
    }

    /** The session messages about {@code sessionId} in the outbox, once what was queued is stored. */
    private List<JsonNode> sessionMessages(String sessionId) throws Exception {
        assertThat(store.flush(WAIT)).isTrue();
        assertThat(upstream.outbox().flush(WAIT)).isTrue();
        List<JsonNode> out = new ArrayList<>();
        for (OutboxRow row : upstream.outbox().next(0, new Topics(GATEWAY).of("sessions"), true, 10_000)) {
            JsonNode m = JSON.readTree(row.payload());
            if (m.path("sessionId").asText().equals(sessionId)) {
                out.add(m);
            }
        }
        return out;
    }

    private SessionRecord open(String id, Instant arrival) {
        return new SessionRecord(id, "P1", arrival, null, null, Double.NaN, 3.0, false, true,
                arrival.plus(Duration.ofMinutes(90)), 3.0);
    }

    private static SessionRecord ended(SessionRecord open, Instant departure) {
        return new SessionRecord(open.id(), open.pile(), open.arrival(), departure, null, Double.NaN, 12.5, false, true,
                departure, 12.5);
    }
}
