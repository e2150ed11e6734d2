package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.orderly.gateway.upstream.outbox.OutboxLimits;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A stop that comes after the link asked the outbox to store the online and will of its next connection and before
 * it had them: the outbox stored them after the link was gone, held, and the next start set that online aside (an
 * ERROR and an {@code outbox.setAside} event) and sent its will, a stale {@code offline} of a connection never tried.
 * The same came of a stop between the loop's look at the stop and its asking for the pair. Made here as
 * {@code UpstreamStateOrderTest} makes a slow outbox: a second connection holds SQLite's write lock until after the
 * link's stop. Against a real Mosquitto on 127.0.0.1, which the start after the stop connects to.
 */
class UpstreamStopWhilePairStoredTest {
    /** The link's wait for its held pair: 10 s live; shorter, so an attempt ends on it while the lock is held. */
    private static final Duration HELD_PAIR_WAIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void aPairStoredAfterTheStopIsKeptForTheNextStart() throws Exception {
        String gw = "gw-stop-storing";
        Path db = dir.resolve("orderly.db");
        Clock clock = Clock.systemUTC();
        Topics topics = new Topics(gw);
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             Store store = Store.open(StoreSettings.of(db, 90), clock)) {
            UpstreamSettings settings = UpstreamRig.plaintext(broker.url(), gw);
            Outbox outbox = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
            MqttLink link = new MqttLink(settings, topics, outbox, clock, UpstreamStateOrderTest.NO_COMMANDS,
                    LinkTimings.DEFAULT.withHeldPair(HELD_PAIR_WAIT));
            try (Connection locker = UpstreamStateOrderTest.lock(store.database())) {
                link.start();
                Await.until("an attempt ended waiting for its held pair, the outbox keeping the write",
                        Duration.ofSeconds(60), () -> link.failedConnects() > 0 && outbox.failing() > 0);
                link.close();
            }
            outbox.close(); // its writer's last try stores the pair, the lock gone
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(StateRows.in(db, "outbox")).as("the pair stored after the stop").hasSize(2);

            try (GridSide grid = new GridSide(broker.url(), gw)) {
                Outbox next = Outbox.open(store.database(), topics, clock, OutboxLimits.DEFAULT);
                MqttLink started = new MqttLink(settings, topics, next, clock, UpstreamStateOrderTest.NO_COMMANDS,
                        LinkTimings.DEFAULT);
                try {
                    started.start();
                    Await.until("connected", Duration.ofSeconds(60), started::connected);
                    grid.await(r -> r.topic().endsWith("/state"), 30_000);
                    soft.assertThat(next.flush(Duration.ofSeconds(30))).as("the outbox's writer caught up").isTrue();
                    soft.assertThat(StateRows.in(db, "outbox_set_aside"))
                            .as("no online set aside by the start after the stop").isEmpty();
                    List<String> states = grid.all().stream().filter(r -> r.topic().endsWith("/state"))
                            .map(r -> r.json().path("state").asText()).toList();
                    soft.assertThat(states).as("the state messages the grid side got: no stale offline before online")
                            .containsExactly("online");
                } finally {
                    started.close();
                    next.close();
                }
            }
            soft.assertAll();
        }
    }
}
