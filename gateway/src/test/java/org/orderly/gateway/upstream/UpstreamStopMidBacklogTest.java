package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A clean stop while the link drains a backlog, publishes in flight: a message leaves the outbox only on its PUBACK,
 * so the next start sends again exactly what the broker had not acknowledged. Nothing is lost, and the copies the grid
 * side gets are at most the publishes a stop can find unacknowledged (the drain's window), which it removes by id as
 * QoS 1's at-least-once asks of it. {@code UpstreamKilledTest} is the same with SIGKILL in place of the stop. Against a
 * real Mosquitto on 127.0.0.1.
 */
class UpstreamStopMidBacklogTest {
    private static final String GW = "gw-stop-backlog";
    private static final long BACKLOG = 300;
    /** The drain's unacknowledged publishes at a time ({@code MqttLink.WINDOW}). */
    private static final int WINDOW = 10;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aStopMidBacklogLosesNothingAndResendsOnlyWhatWasUnacknowledged() throws Exception {
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW)) {
            UpstreamSettings slow = UpstreamRig.plaintext(broker.url(), GW).withTelemetryPeriod(Duration.ofMillis(10))
                    .withDrainPerSecond(20);
            long waitingAtStop;
            long copiesBefore;
            try (UpstreamRig rig = UpstreamRig.start(db, GW, slow)) {
                Await.until("connected", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
                broker.stop();
                Await.until("a backlog of " + BACKLOG + " messages", Duration.ofSeconds(60),
                        () -> rig.upstream.outbox().size() >= BACKLOG);
                broker.start();
                grid.reconnect();
                long before = grid.deduplicated().size();
                grid.await(r -> grid.deduplicated().size() >= before + 40, 60_000);
                rig.quiet();
                copiesBefore = copies(grid);
                rig.upstream.close();
                waitingAtStop = waiting(rig);
            }
            assertThat(waitingAtStop).as("stopped with a backlog still in the outbox").isGreaterThan(50);

            UpstreamSettings fast = slow.withDrainPerSecond(500);
            try (UpstreamRig rig = UpstreamRig.start(db, GW, fast)) {
                Await.until("connected again", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
                rig.quiet();
                assertThat(rig.drained(120_000)).as("the backlog drained after the start").isTrue();
                rig.upstream.close();
                long last = rig.lastSeq();
                grid.awaitAllUpTo(last, 60_000);
                String summary = Delivery.assertCompleteAndOrdered(grid, last);
                long resent = copies(grid) - copiesBefore;
                System.out.println("UpstreamStopMidBacklogTest: stopped with " + waitingAtStop + " messages in the"
                        + " outbox; " + resent + " copies after the stop; " + summary);
                assertThat(resent).as("copies the grid side got after the stop: what was unacknowledged at it")
                        .isLessThanOrEqualTo(WINDOW);
            }
        }
    }

    /** The messages in the outbox, read from the store (the outbox is closed). */
    private static long waiting(UpstreamRig rig) throws Exception {
        try (Connection c = rig.store.database().open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM outbox")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Messages the grid side got more than once. */
    private static long copies(GridSide grid) {
        return grid.all().stream().filter(r -> r.json().has("seq")).count() - grid.deduplicated().size();
    }
}
