package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * A full write queue drops readings (counted), never a session's row nor a session number given out: the grid hears
 * of a session only from its ended row (docs/upstream.md, "Session messages"), and a number not stored could be given
 * out again. The queue is filled behind a writer held in a write of the test's own.
 */
class SessionWritesKeptTest {
    private static final Instant T0 = Instant.parse("2026-03-01T19:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger ended = new AtomicInteger();
    private Store store;

    @AfterEach
    void close() {
        release.countDown();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aSessionsEndReachesTheTableWhenTheQueueIsFull() throws Exception {
        SessionRecord open = session("P1@1-1", null, 0);
        SessionRecord end = session("P1@1-1", T0.plusSeconds(7200), 12.5);
        openStore();
        store.session(open);
        assertThat(store.flush(WAIT)).isTrue();

        holdWriterAndFillQueue();
        boolean taken = store.session(end);
        assertThat(store.sample(sample(3))).as("a reading is still dropped").isFalse();
        long readingsDropped = store.dropped();
        release.countDown();

        assertThat(store.flush(WAIT)).isTrue();
        try (StoreReader r = store.reader()) {
            assertThat(r.sessions(T0, T0.plusSeconds(1))).containsExactly(end);
        }
        assertThat(taken).as("the ended row was taken").isTrue();
        assertThat(ended).as("the ended row's cue to the outbox").hasValue(1);
        assertThat(store.dropped()).as("only readings dropped").isEqualTo(readingsDropped);
        assertThat(store.failed()).isZero();
    }

    @Test
    void eachSessionsNewestRowIsWrittenInOrderWhenTheQueueIsFull() throws Exception {
        openStore();
        holdWriterAndFillQueue();
        store.session(session("P1@1-1", null, 1));
        store.session(session("P2@1-2", null, 1));
        store.session(session("P1@1-1", null, 2));
        SessionRecord end = session("P1@1-1", T0.plusSeconds(7200), 3);
        store.session(end);
        // Under an ended session's id a later row is refused by the table, also when both waited for the writer.
        store.session(session("P1@1-1", null, 4));
        SessionRecord p2 = session("P2@1-2", null, 5);
        store.session(p2);
        release.countDown();

        assertThat(store.flush(WAIT)).isTrue();
        try (StoreReader r = store.reader()) {
            assertThat(r.sessions(T0, T0.plusSeconds(1))).containsExactlyInAnyOrder(end, p2);
        }
        assertThat(ended).hasValue(1);
        assertThat(store.failed()).as("the row after P1@1-1's end").isEqualTo(1);
    }

    @Test
    void sessionNumbersGivenOutWhileTheQueueIsFullAreStoredWithoutWaitingForClose() throws Exception {
        openStore();
        holdWriterAndFillQueue();
        assertThat(store.nextSessionNumber()).isEqualTo(1);
        assertThat(store.nextSessionNumber()).isEqualTo(2);
        release.countDown();

        assertThat(store.flush(WAIT)).isTrue();
        try (StoreReader r = store.reader(); Statement s = r.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT seq FROM session_seq")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    private void openStore() {
        store = Store.open(new StoreSettings(dir.resolve("orderly.db"), Retention.days(90), 3, Duration.ofMillis(20),
                Duration.ofDays(1)), clock);
        store.onSessionEnded(ended::incrementAndGet);
    }

    /** Holds the writer thread in a write until {@link #release}, then fills the queue with readings. */
    private void holdWriterAndFillQueue() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        store.writer().offer(c -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        int queued = 0;
        while (store.sample(sample(queued))) {
            queued++;
        }
        assertThat(queued).as("readings queued before the queue was full").isEqualTo(3);
    }

    private static Sample sample(int i) {
        return new Sample("tx", "power.total.kw", T0.plusSeconds(i), i);
    }

    private static SessionRecord session(String id, Instant departure, double kWh) {
        return new SessionRecord(id, id.substring(0, 2), T0, departure, null, Double.NaN, kWh, false);
    }
}
