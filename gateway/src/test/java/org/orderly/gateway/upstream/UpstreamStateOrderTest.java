package org.orderly.gateway.upstream;

import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.link.CommandSink;
import org.orderly.gateway.upstream.link.IncomingCommand;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;
import org.orderly.testkit.Mosquitto;

/**
 * The retained {@code state} message is the gateway's present state: "online" while it is connected, whatever came
 * before (a lost connection, a SIGKILL and a restart, held messages stored slowly), and the state messages arrive in
 * the order of their numbers. Against a real Mosquitto on 127.0.0.1; a slow outbox is made the way
 * {@code OutboxWriteFailureTest} makes it: a second connection holds SQLite's write lock past the busy timeout.
 */
class UpstreamStateOrderTest {
    private static final long DEADLINE_MS = 60_000;

    @TempDir
    Path dir;

    private UpstreamChildProcess child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(120)
    void aLostConnectionMadeAgainLeavesTheRetainedStateOnline() throws Exception {
        String gw = "gw-relink";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(broker.url(), gw)
                     .withTelemetryPeriod(Duration.ofSeconds(1)))) {
            await(() -> rig.upstream.link().connected(), "first connection");
            broker.stop();
            await(() -> !rig.upstream.link().connected(), "the link sees the broker gone");
            broker.start();
            await(() -> rig.upstream.link().connects() == 2, "connected again");
            // The released will of the first connection is sent again after the reconnect; then only the held will of
            // this connection is left.
            assertThat(rig.drained(DEADLINE_MS)).isTrue();

            GridSide.Received retained = retainedState(broker, gw);
            assertThat(retained.json().path("state").asText()).as("retained while connected: %s", retained.json())
                    .isEqualTo("online");
        }
    }

    /**
     * The window between the broker's CONNACK and its PUBACK of "online": the network drops there, the broker publishes
     * the connection's will (numbered after that "online"), and the gateway must not send that "online" afterwards.
     */
    @Test
    @Timeout(120)
    void aConnectionLostBeforeOnlineIsAcknowledgedLeavesTheStateInOrder() throws Exception {
        String gw = "gw-window";
        String state = "orderly/v1/" + gw + "/state";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), gw);
             CutOnPublishProxy proxy = new CutOnPublishProxy(broker.port())) {
            proxy.arm();
            try (UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(proxy.url(), gw)
                    .withTelemetryPeriod(Duration.ofSeconds(1)))) {
                await(() -> rig.upstream.link().connected(), "connected after the cut");
                assertThat(proxy.cuts()).as("the first connection was cut at its first PUBLISH").isEqualTo(1);
                grid.await(r -> r.topic().equals(state) && r.json().path("state").asText().equals("offline"), 30_000);
                assertThat(rig.drained(DEADLINE_MS)).isTrue();

                GridSide.Received retained = retainedState(broker, gw);
                List<GridSide.Received> unique = grid.deduplicated().stream().filter(r -> r.topic().equals(state))
                        .toList();
                assertThat(unique).extracting(GridSide.Received::seq).as("state messages in arrival order: %s",
                        states(grid, state)).isSorted();
                assertThat(retained.json().path("state").asText()).as("retained: %s", retained.json())
                        .isEqualTo("online");
                assertThat(retained.seq()).as("the retained state is the newest: %s", states(grid, state))
                        .isEqualTo(unique.get(unique.size() - 1).seq());
                Set<Long> accounted = new TreeSet<>();
                for (GridSide.Received r : grid.all()) {
                    accounted.add(r.seq());
                    Matcher m = SET_ASIDE.matcher(r.json().path("message").asText());
                    if (r.json().path("kind").asText().equals("outbox.setAside") && m.find()) {
                        accounted.add(Long.parseLong(m.group(1)));
                    }
                }
                for (long seq = 1; seq < retained.seq(); seq++) {
                    assertThat(accounted).as("number %d arrived or was named set aside", seq).contains(seq);
                }
            }
        }
    }

    /**
     * The same window, but the gateway is killed in it: the broker has accepted the connection, "online" is sent and
     * not acknowledged, and the broker publishes the will once the connection ends. The restarted gateway must not send
     * that "online" after it.
     */
    @Test
    @Timeout(300) // two child JVMs' starts of up to UpstreamChildProcess.START_WITHIN each, on a loaded machine
    void aGatewayKilledBeforeOnlineIsAcknowledgedLeavesTheStateInOrderAfterItsRestart() throws Exception {
        String gw = "gw-window-kill";
        String state = "orderly/v1/" + gw + "/state";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), gw);
             CutOnPublishProxy proxy = new CutOnPublishProxy(broker.port())) {
            proxy.hold();
            child = UpstreamChildProcess.start(dir, "first", db, proxy.url(), gw, 50, 1000);
            await(() -> proxy.held() == 1, "online sent and held from the broker");
            child.process.destroyForcibly();
            assertThat(child.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            proxy.cutHeld();
            grid.await(r -> r.topic().equals(state) && r.json().path("state").asText().equals("offline"), 30_000);

            child = UpstreamChildProcess.start(dir, "second", db, broker.url(), gw, 50, 1000);
            await(() -> grid.all().stream().anyMatch(r -> r.topic().equals(state)
                    && r.json().path("state").asText().equals("online")), "the restarted gateway online");
            GridSide.Received retained = retainedState(broker, gw);
            List<GridSide.Received> unique = grid.deduplicated().stream().filter(r -> r.topic().equals(state))
                    .toList();
            assertThat(unique).extracting(GridSide.Received::seq).as("state messages in arrival order: %s",
                    states(grid, state)).isSorted();
            assertThat(retained.json().path("state").asText()).as("retained: %s", retained.json()).isEqualTo("online");
            assertThat(retained.seq()).as("the retained state is the newest: %s", states(grid, state))
                    .isEqualTo(unique.get(unique.size() - 1).seq());
        }
    }

    private static final Pattern SET_ASIDE = Pattern.compile("^message (\\d+) \\(");

    @Test
    @Timeout(300) // two child JVMs' starts of up to UpstreamChildProcess.START_WITHIN each, on a loaded machine
    void aGatewayKilledAndStartedAgainSaysOfflineOnceThenOnline() throws Exception {
        String gw = "gw-crash";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), gw)) {
            String state = "orderly/v1/" + gw + "/state";
            child = UpstreamChildProcess.start(dir, "first", db, broker.url(), gw, 50, 1000);
            grid.await(r -> r.topic().equals(state) && r.json().path("state").asText().equals("online"), 30_000);

            child.process.destroyForcibly();
            assertThat(child.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            grid.await(r -> r.topic().equals(state) && r.json().path("state").asText().equals("offline"), 30_000);
            assertThat(retainedState(broker, gw).json().path("state").asText()).as("the broker's will, retained")
                    .isEqualTo("offline");

            child = UpstreamChildProcess.start(dir, "second", db, broker.url(), gw, 50, 1000);
            // online, the broker's offline, the restarted gateway's copy of it, and its own online
            await(() -> states(grid, state).size() >= 4, "the restarted gateway's state messages");
            assertThat(Files.readString(dir.resolve("second.log"))).contains("started");
            GridSide.Received retained = retainedState(broker, gw);
            List<GridSide.Received> unique = grid.deduplicated().stream().filter(r -> r.topic().equals(state)).toList();
            assertThat(unique).extracting(r -> r.json().path("state").asText()).as("after de-duplication: %s",
                    states(grid, state)).containsExactly("online", "offline", "online");
            assertThat(unique).extracting(GridSide.Received::seq).isSorted();
            assertThat(unique.get(0).json().path("will").asLong()).as("the first online names its will: %s",
                    unique.get(0).json()).isEqualTo(unique.get(1).seq());
            assertThat(unique.get(2).json().path("will").asLong()).as("the next online names its own: %s",
                    unique.get(2).json()).isGreaterThan(unique.get(2).seq());
            assertThat(unique.get(1).json().has("will")).as("the will names none").isFalse();
            assertThat(retained.json().path("state").asText()).as("retained while the restarted gateway runs: %s",
                    retained.json()).isEqualTo("online");
            assertThat(retained.seq()).as("the retained state is the newest").isEqualTo(unique.get(2).seq());
        }
    }

    @Test
    @Timeout(240)
    void heldStatesStoredSlowlyLeaveOnePairAndTheStateInOrder() throws Exception {
        String gw = "gw-slow";
        Clock clock = Clock.systemUTC();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), gw);
             Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock)) {
            UpstreamSettings settings = UpstreamRig.plaintext(broker.url(), gw);
            String state = "orderly/v1/" + gw + "/state";
            Topics topics = new Topics(gw);
            Outbox outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
            MqttLink link = new MqttLink(settings, topics, outbox, clock, NO_COMMANDS, LinkTimings.DEFAULT.withHeldPair(HELD_PAIR_WAIT));
            try (Connection locker = lock(store.database())) {
                link.start();
                // Two of the link's waits for its held online end while the outbox's writer keeps the write and tries
                // it again (5 s busy timeout, then 1, 2, 4 s back-off), and the link tries to connect again.
                MqttLink trying = link;
                Outbox keeping = outbox;
                await(() -> trying.failedConnects() >= 2 && keeping.failing() > 0,
                        "two attempts ended waiting for the held online, and the outbox kept its write");
                assertThat(link.connected()).as("no online stored while the database is locked").isFalse();
            }
            await(link::connected, "connected once the lock is gone");
            assertThat(outbox.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(held(store.database())).as("held rows once connected: the will of this connection only")
                    .isEqualTo(1);
            link.close();
            outbox.close();

            // Started again on the same file: whatever was held is released and sent, before the new online.
            outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
            link = new MqttLink(settings, topics, outbox, clock, NO_COMMANDS, LinkTimings.DEFAULT);
            try {
                link.start();
                await(link::connected, "connected after the restart");
                Outbox o = outbox;
                await(() -> o.size() <= 1, "only the held will left");
                GridSide.Received retained = retainedState(broker, gw);
                List<GridSide.Received> unique = grid.deduplicated().stream().filter(r -> r.topic().equals(state))
                        .toList();
                assertThat(unique).extracting(GridSide.Received::seq).as("state messages in arrival order: %s",
                        states(grid, state)).isSorted();
                assertThat(retained.json().path("state").asText()).as("retained: %s", retained.json())
                        .isEqualTo("online");
                assertThat(retained.seq()).as("the retained state is the newest")
                        .isEqualTo(unique.get(unique.size() - 1).seq());
            } finally {
                link.close();
                outbox.close();
            }
        }
    }

    /** The link's wait for its held pair in {@link #heldStatesStoredSlowlyLeaveOnePairAndTheStateInOrder}: 10 s live. */
    private static final Duration HELD_PAIR_WAIT = Duration.ofSeconds(2);

    /** No command topics: the link alone (also {@code UpstreamStopWhilePairStoredTest}'s). */
    static final CommandSink NO_COMMANDS = new CommandSink() {
        @Override
        public List<String> topics() {
            return List.of();
        }

        @Override
        public void arrived(IncomingCommand command) {
        }
    };

    /** Another connection holding SQLite's write lock until closed: the outbox's writes get SQLITE_BUSY meanwhile. */
    static Connection lock(Database db) throws SQLException {
        Connection c = db.open();
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        return c;
    }

    private static long held(Database db) throws SQLException {
        try (Connection c = db.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM outbox WHERE held = 1")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> states(GridSide grid, String topic) {
        return grid.all().stream().filter(r -> r.topic().equals(topic))
                .map(r -> r.seq() + ":" + r.json().path("state").asText()).toList();
    }

    /** What a grid client subscribing now is given on {@code state}: the retained message. */
    private static GridSide.Received retainedState(Mosquitto broker, String gw) throws Exception {
        try (GridSide late = new GridSide(broker.url(), gw)) {
            return late.await(r -> r.topic().equals("orderly/v1/" + gw + "/state"), 10_000);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(what, Duration.ofMillis(DEADLINE_MS), condition);
    }
}
