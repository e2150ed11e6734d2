package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.Database;
import org.orderly.testkit.Mosquitto;

/**
 * Issue 4: the gateway is SIGKILLed while it drains a backlog and started again on the same database; nothing is lost.
 * The upstream side runs as a real child JVM ({@link UpstreamChild}); the broker is down long enough for a backlog to
 * build, comes back, the child drains slowly, and is killed with SIGKILL once part of the backlog has arrived.
 */
class UpstreamKilledTest {
    private static final String GW = "gw-k";

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(300)
    void aGatewayKilledMidBacklogLosesNothingAfterItsRestart() throws Exception {
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), GW)) {
            child = start(db, broker.url(), 10, "first");
            grid.await(r -> r.topic().endsWith("/telemetry"), 30_000);

            broker.stop();
            Thread.sleep(15_000);
            broker.start();
            grid.reconnect();
            long before = grid.deduplicated().size();
            // draining at 10 a second: wait until some of the backlog is through, then kill
            grid.await(r -> grid.deduplicated().size() >= before + 30, 60_000);
            long waiting = waiting(db);
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            assertThat(waiting).as("killed with a backlog still in the outbox").isGreaterThan(50);

            child = start(db, broker.url(), 500, "second");
            try (Writer w = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                w.write("stop\n");
            }
            assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("second run drained and stopped").isTrue();
            assertThat(child.exitValue()).as("second run's output:%n%s", Files.readString(dir.resolve("second.log")))
                    .isZero();
            long last = lastSeq(db);
            grid.awaitAllUpTo(last, 60_000);
            String summary = Delivery.assertCompleteAndOrdered(grid, last);
            System.out.println("UpstreamKilledTest: SIGKILL with " + waiting + " messages in the outbox; " + summary);
        }
    }

    private Process start(Path db, String broker, int drainPerSecond, String name) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), UpstreamChild.class.getName(),
                db.toString(), broker, GW, String.valueOf(drainPerSecond), "50")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log).contains("started")) {
            assertThat(p.isAlive()).as("child exited early:%n%s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("child not started within 30 s").isLessThan(until);
            Thread.sleep(100);
        }
        return p;
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
