package org.orderly.gateway.upstream.outbox;

import org.orderly.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.upstream.message.EventBody;
import org.orderly.gateway.upstream.message.StateBody;

/**
 * An outbox write that SQLite refuses for a while (real failures, no mocks: another connection holding the write lock
 * past the busy timeout gives SQLITE_BUSY; {@code PRAGMA max_page_count} at the file's size on the outbox's own
 * connection gives SQLITE_FULL, a full disk, raised again to clear it) is tried again with back-off until it is
 * committed: a message handed over is stored, an acknowledged one deleted, a refused one set aside with its event,
 * and a drop is reported, once SQLite takes writes again.
 */
@Timeout(120)
class OutboxWriteFailureTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int WRITER_BUSY_TIMEOUT_MS = 100;

    @RegisterExtension
    final OutboxStore store = new OutboxStore();
    private final VirtualClock clock = store.clock;

    @Test
    void aMessageWhoseStoringFailsOnALockedDatabaseIsStoredOnceTheLockIsGone() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            try (Connection locker = lock(outbox)) {
                assertThat(outbox.offer(clock.instant(), new EventBody("e", "s", "handed over while locked"))).isTrue();
                awaitFailedAttempt(outbox);
            }
            await(() -> payloads(outbox).stream().anyMatch(p -> p.contains("handed over while locked")),
                    "the message is stored once the lock is gone");
            // The row is seen once committed; the writer counts its kept write through just after.
            await(() -> outbox.failing() == 0, "no write kept");
            assertThat(outbox.writer().failed()).as("nothing given up").isZero();
        }
    }

    @Test
    void aMessageWhoseStoringFailsOnAFullDiskIsStoredOnceThereIsRoomAgain() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            AtomicReference<Connection> writers = new AtomicReference<>();
            assertThat(outbox.writer().offer(c -> {
                writers.set(c);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + pageCount(c));
                }
            })).isTrue();
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            String big = "x".repeat(20_000);
            assertThat(outbox.offer(clock.instant(), new EventBody("e", "s", "full disk " + big))).isTrue();
            awaitFailedAttempt(outbox);
            // The disk is cleared: done on the writer's own connection, between its attempts (sqlite-jdbc serializes
            // the calls on one connection).
            try (Statement s = writers.get().createStatement()) {
                s.execute("PRAGMA max_page_count = 1073741823");
            }
            await(() -> payloads(outbox).stream().anyMatch(p -> p.contains("full disk ")),
                    "the message is stored once the disk has room");
            assertThat(outbox.writer().failed()).as("nothing given up").isZero();
        }
    }

    @Test
    void anAcknowledgementThatFailsIsDeletedOnceTheLockIsGone() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            outbox.offer(clock.instant(), new EventBody("e", "s", "acknowledged while locked"));
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            try (Connection locker = lock(outbox)) {
                outbox.acknowledged(1);
                awaitFailedAttempt(outbox);
            }
            await(() -> outbox.size() == 0, "the acknowledged message leaves the outbox (else it is sent twice)");
        }
    }

    @Test
    void aMessageWhoseSettingAsideFailsIsSetAsideAndReportedOnceTheLockIsGone() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            outbox.offer(clock.instant(), new EventBody("e", "s", "refused by the broker"));
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            try (Connection locker = lock(outbox)) {
                outbox.setAside(1, BrokerRefusal.puback("test"));
                awaitFailedAttempt(outbox);
                assertThat(outbox.setAsideCount()).as("not counted while it is not set aside").isZero();
            }
            await(() -> outbox.setAsideStored() == 1, "the message is set aside");
            await(() -> payloads(outbox).stream().anyMatch(p -> p.contains(Outbox.SET_ASIDE)),
                    "its outbox.setAside event is stored");
            assertThat(outbox.setAsideCount()).isEqualTo(1);
        }
    }

    @Test
    void dropsAreReportedEvenWhenTheFirstReportFails() throws Exception {
        try (Outbox outbox = store.outbox(new OutboxLimits(Duration.ofHours(1), 100_000, 1))) {
            try (Connection locker = lock(outbox)) {
                int offered = 0;
                while (outbox.dropped() == 0 && offered < 100_000) {
                    outbox.offer(clock.instant(), new EventBody("e", "s", "m" + offered++));
                }
                assertThat(outbox.dropped()).as("a queue of 1 overflows").isPositive();
                awaitFailedAttempt(outbox);
                outbox.trimNow();
                Thread.sleep(500);
                outbox.trimNow();
            }
            await(() -> {
                outbox.trimNow();
                return payloads(outbox).stream().anyMatch(p -> p.contains(Outbox.DROPPED));
            }, "the outbox.dropped event is stored");
        }
    }

    @Test
    void aHeldMessageIsGivenOnlyOnceItIsCommitted() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            CompletableFuture<OutboxRow> will;
            try (Connection locker = lock(outbox)) {
                will = outbox.storeHeld(clock.instant(), StateBody.OFFLINE);
                awaitFailedAttempt(outbox);
                assertThat(will).as("not given while it is not stored").isNotDone();
            }
            OutboxRow row = will.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            outbox.release(row.seq());
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(outbox.next(0, TOPICS.of("state"), true, 10)).extracting(OutboxRow::seq)
                    .containsExactly(row.seq());
        }
    }

    @Test
    void aHeldMessageWhoseWriteIsGivenUpSaysSo() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            // The number the held message would get is taken already: a constraint, which no retry gets past.
            try (Connection other = store.database().open(); Statement s = other.createStatement()) {
                s.executeUpdate("INSERT INTO outbox (seq, topic, payload, retained, held, created_at) "
                        + "SELECT seq + 1, 'orderly/v1/gw-1/events', x'7b7d', 0, 0, 0 FROM upstream_seq");
            }
            CompletableFuture<OutboxRow> will = outbox.storeHeld(clock.instant(), StateBody.OFFLINE);
            await(will::isDone, "the future of a held message given up completes (the link would wait on it for ever)");
            assertThat(will).isCompletedExceptionally();
            assertThat(outbox.failed()).isEqualTo(1);
        }
    }

    /**
     * Another connection that holds the write lock until closed; the outbox's writer gets SQLITE_BUSY meanwhile. The
     * writer's own connection is first set to wait 100 ms for a lock rather than the store's 5 s busy timeout: the
     * same SQLITE_BUSY and the same retries, without waiting out 5 s on every failed attempt.
     */
    private Connection lock(Outbox outbox) throws SQLException, InterruptedException {
        // Empty first: an outbox with a queue of 1 may still hold what it queued on opening.
        assertThat(outbox.flush(Duration.ofSeconds(10))).as("the writer caught up").isTrue();
        assertThat(outbox.writer().offer(w -> {
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + WRITER_BUSY_TIMEOUT_MS);
            }
        })).isTrue();
        assertThat(outbox.flush(Duration.ofSeconds(10))).as("the writer's busy timeout set").isTrue();
        Connection c = store.database().open();
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        return c;
    }

    private static void awaitFailedAttempt(Outbox outbox) throws InterruptedException {
        await(() -> outbox.writer().attemptsFailed() > 0, "a write attempt failed");
    }

    private static long pageCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_count")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> payloads(Outbox outbox) {
        return outbox.next(0, TOPICS.of("state"), false, 200_000).stream()
                .map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(what, DEADLINE, condition);
    }
}
