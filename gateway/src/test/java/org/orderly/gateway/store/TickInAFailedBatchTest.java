package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * The writer's tick closes the minutes that are over; when the commit of its batch fails (a full disk, an I/O error:
 * SQLite says them at COMMIT, when WAL mode writes the pages) and the batch is replayed write by write, the minutes it
 * closed are written all the same. Here COMMIT fails on a foreign key checked at commit ({@code defer_foreign_keys}).
 */
class TickInAFailedBatchTest {
    private static final Instant T0 = Instant.parse("2026-03-01T19:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);

    @Test
    void minutesClosedByATickInAFailedBatchAreWritten() throws Exception {
        try (Store store = Store.open(new StoreSettings(dir.resolve("orderly.db"), Retention.days(90), 100,
                Duration.ofMillis(20), Duration.ofDays(1)), clock)) {
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(5), 7));
            assertThat(store.flush(WAIT)).isTrue();
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Holds the writer, then fails at the commit: whether the tick falls in its batch or in the next (with the
            // second such write), it is applied and then its batch fails at the commit and is replayed.
            store.writer().offer(c -> {
                blocked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                failsAtCommit(c);
            });
            assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
            store.writer().offer(TickInAFailedBatchTest::failsAtCommit);
            clock.advanceSeconds(60);
            Thread.sleep(100); // five ticks' time: the next batch takes the tick
            release.countDown();
            assertThat(store.flush(WAIT)).isTrue();
            // Again: the replay of a failed batch releases the first flush's barrier before the writes after it.
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.failed()).isEqualTo(2);
            try (StoreReader r = store.reader()) {
                assertThat(r.readings("tx", "power.total.kw", T0, T0.plusSeconds(60)))
                        .singleElement().extracting(MinuteReading::mean).isEqualTo(7.0);
            }
        }
    }

    /** A slot of a plan that is not there, its foreign key checked only at the commit: the COMMIT fails. */
    private static void failsAtCommit(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA defer_foreign_keys = ON");
            s.execute("INSERT INTO plan_slots VALUES (999999, 0, 60, 1, 1)");
        }
    }
}
