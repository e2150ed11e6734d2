package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Database;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * Issue 4: the gateway is SIGKILLed while it drains a backlog and started again on the same database; nothing is lost.
 * The upstream side runs as a real child JVM ({@link UpstreamChild}); the broker is down long enough for a backlog to
 * build, comes back, the child drains slowly, and is killed with SIGKILL once part of the backlog has arrived.
 */
class UpstreamKilledTest {
    private static final String GW = "gw-k";
    /** The backlog the broker's outage leaves: what 15 s of telemetry every 50 ms made before 2026-12-01. */
    private static final long BACKLOG = 300;

    @TempDir
    Path dir;

    private UpstreamChildProcess child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(300)
    void aGatewayKilledMidBacklogLosesNothingAfterItsRestart() throws Exception {
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW)) {
            child = UpstreamChildProcess.start(dir, "first", db, broker.url(), GW, 10, 10);
            grid.await(r -> r.topic().endsWith("/telemetry"), 30_000);

            // Down until a backlog of BACKLOG messages is waiting (telemetry every 10 ms: about 3 s).
            broker.stop();
            Await.until("a backlog of " + BACKLOG + " messages in the outbox", Duration.ofSeconds(60),
                    () -> waitingNow(db) >= BACKLOG);
            broker.start();
            grid.reconnect();
            long before = grid.deduplicated().size();
            // draining at 10 a second: wait until some of the backlog is through, then kill
            grid.await(r -> grid.deduplicated().size() >= before + 30, 60_000);
            long waiting = waiting(db);
            child.process.destroyForcibly();
            assertThat(child.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            assertThat(waiting).as("killed with a backlog still in the outbox").isGreaterThan(50);

            child = UpstreamChildProcess.start(dir, "second", db, broker.url(), GW, 500, 50);
            child.stop();
            assertThat(child.process.waitFor(180, TimeUnit.SECONDS)).as("second run drained and stopped").isTrue();
            assertThat(child.process.exitValue())
                    .as("second run's output:%n%s", Files.readString(dir.resolve("second.log"))).isZero();
            long last = lastSeq(db);
            grid.awaitAllUpTo(last, 60_000);
            String summary = Delivery.assertCompleteAndOrdered(grid, last);
            System.out.println("UpstreamKilledTest: SIGKILL with " + waiting + " messages in the outbox; " + summary);
        }
    }

    private static long waitingNow(Path db) {
        try {
            return waiting(db);
        } catch (Exception e) {
            throw new IllegalStateException("counting the outbox of " + db, e);
        }
    }

    private static long waiting(Path db) throws Exception {
        return query(db, "SELECT COUNT(*) FROM outbox");
    }

    private static long lastSeq(Path db) throws Exception {
        return query(db, "SELECT seq FROM upstream_seq");
    }

    private static long query(Path db, String sql) throws Exception {
        try (Connection c = new Database(db).open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
