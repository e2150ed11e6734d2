package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.upstream.message.EventBody;
import org.orderly.testkit.Await;

/**
 * Every message offered to the outbox and not stored is counted in an {@code outbox.dropped} event (its
 * {@code dropped} field), whatever stopped it: a write SQLite refuses for good (a trigger raising ABORT, a constraint
 * that no retry gets past), a write still failing when the outbox stops (another connection holding the write lock
 * through the stop: the kept writes are given up), a full queue just before the stop. What the stop could not say is
 * said by the next start. Real SQLite throughout.
 */
@Timeout(120)
class OutboxGivenUpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    void messagesWhoseWriteIsRefusedForGoodAreCountedOnceTheStoreTakesTheEvent() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            refuseInserts(true);
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused 1"));
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused 2"));
            outbox.event(EventKind.UPSTREAM_COMMANDS_SUBSCRIBED, "upstream", "refused 3");
            Await.until("the three writes given up", DEADLINE, () -> outbox.failed() >= 3);
            refuseInserts(false);
            Await.until("an outbox.dropped event stored", DEADLINE, () -> {
                outbox.trimNow();
                return droppedSaid(outbox) > 0;
            });
            assertThat(droppedSaid(outbox)).as("each message given up, counted where the grid side counts drops")
                    .isEqualTo(3);
            assertThat(messages(outbox)).noneMatch(m -> m.startsWith("refused"));
        }
    }

    @Test
    void messagesGivenUpJustBeforeAStopAreSaidByTheStopOrTheNextStart() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            refuseInserts(true);
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused 1"));
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused 2"));
            Await.until("the two writes given up", DEADLINE, () -> outbox.failed() >= 2);
            refuseInserts(false);
        }
        try (Outbox outbox = store.outbox(1000)) {
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(outbox)).as("the two given up before the stop").isEqualTo(2);
        }
    }

    @Test
    void messagesStillFailingAtAStopAreCountedByTheNextStart() throws Exception {
        int offered = 20;
        try (Outbox outbox = store.outbox(new OutboxLimits(Duration.ofHours(1), 1000, 3))) {
            try (Connection locker = lock(outbox)) {
                for (int i = 0; i < offered; i++) {
                    outbox.offer(store.clock.instant(), new EventBody("e", "s", "offered " + i));
                }
                Await.until("a write attempt failed", DEADLINE, () -> outbox.writer().attemptsFailed() > 0);
                // Still locked at the stop: the writes kept are tried once more and given up; the full queue's drops
                // were never said; the stop cannot store their event either.
                outbox.close();
                assertThat(outbox.dropped() + outbox.givenUp()).as("every message offered, dropped or given up")
                        .isEqualTo(offered);
            }
        }
        try (Outbox outbox = store.outbox(1000)) {
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(messages(outbox)).noneMatch(m -> m.startsWith("offered"));
            assertThat(droppedSaid(outbox)).as("every message offered in the run before, counted").isEqualTo(offered);
        }
    }

    @Test
    void aFullQueueCountsOnlyTheMessagesItDropsAsMessages() throws Exception {
        long messages = 0;
        try (Outbox outbox = store.outbox(new OutboxLimits(Duration.ofHours(1), 1000, 3))) {
            try (Connection locker = lock(outbox)) {
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "kept"));
                Await.until("the first write kept for a retry", DEADLINE, () -> outbox.failing() > 0);
                // The writer takes nothing more from its queue while its kept write fails: three fill it.
                for (int i = 0; i < 3; i++) {
                    assertThat(outbox.offer(store.clock.instant(), new EventBody("e", "s", "queued " + i))).isTrue();
                }
                for (int i = 0; i < 4; i++) {
                    outbox.acknowledged(1000 + i);
                    outbox.release(2000 + i);
                    outbox.setAside(3000 + i, "by the test");
                    outbox.trimNow();
                    assertThat(outbox.offer(store.clock.instant(), new EventBody("e", "s", "dropped " + i)))
                            .isFalse();
                    messages++;
                }
                outbox.event(EventKind.UPSTREAM_COMMANDS_SUBSCRIBED, "upstream", "dropped event");
                messages++;
                try (Statement s = locker.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
            Await.until("the kept write committed", DEADLINE, () -> outbox.failing() == 0);
            // Read before the ticks asked for below, which the queue of 3 drops too when they come faster than it
            // drains (as many as 10 more seen on a loaded machine).
            long others = outbox.otherWritesDropped();
            Await.until("an outbox.dropped event stored", DEADLINE, () -> {
                outbox.trimNow();
                return droppedSaid(outbox) > 0;
            });
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(outbox)).as("the messages dropped, not the acknowledgements, releases, set-asides"
                    + " and ticks").isEqualTo(5);
            assertThat(messages(outbox)).contains("kept", "queued 0", "queued 1", "queued 2")
                    .noneMatch(m -> m.startsWith("dropped"));
            assertThat(outbox.dropped()).as("messages the full queue dropped").isEqualTo(messages);
            assertThat(others).as("acknowledgements, releases, set-asides and ticks dropped, counted apart")
                    .isEqualTo(16);
        }
    }

    @Test
    void messagesGivenUpForTwoCausesAreSaidInAnEventEachWithItsCause() throws Exception {
        try (Outbox outbox = store.outbox(1000)) {
            try (Connection locker = lock(outbox)) {
                try (Statement s = locker.createStatement()) {
                    s.execute("ROLLBACK");
                }
                refuseInserts(true);
                for (int i = 0; i < 3; i++) {
                    outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused " + i));
                }
                Await.until("the three writes refused for good", DEADLINE, () -> outbox.givenUp() >= 3);
                // The trigger goes in the locker's transaction: the tick cannot say the three before the stop.
                try (Statement s = locker.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                    s.execute("DROP TRIGGER refuse_outbox");
                }
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "locked"));
                Await.until("the last write kept for a retry", DEADLINE, () -> outbox.failing() > 0);
                outbox.close();
                assertThat(outbox.givenUp()).isEqualTo(4);
                try (Statement s = locker.createStatement()) {
                    s.execute("COMMIT");
                }
            }
        }
        try (Outbox outbox = store.outbox(1000)) {
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            List<JsonNode> dropped = events(outbox).stream()
                    .filter(e -> Outbox.DROPPED.equals(e.path("kind").asText())).toList();
            assertThat(dropped).as("one event per cause").hasSize(2);
            assertThat(dropped).anySatisfy(e -> {
                assertThat(e.path("dropped").asLong()).isEqualTo(3);
                assertThat(e.path("message").asText()).contains("does not pass").doesNotContain("at the stop");
            });
            assertThat(dropped).anySatisfy(e -> {
                assertThat(e.path("dropped").asLong()).isEqualTo(1);
                assertThat(e.path("message").asText()).contains("still failing at the stop")
                        .doesNotContain("does not pass");
            });
        }
    }

    @Test
    void theFileOfAGatewayBeforeItsCausesWereCountedApartIsSaidAsOneCause() throws Exception {
        java.nio.file.Files.writeString(UnsaidDrops.file(store.database().file()),
                "20 17 dropped by the full queue; 3 still failing at the stop (SQLite: locked)\n");
        try (Outbox outbox = store.outbox(1000)) {
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(outbox)).isEqualTo(20);
            assertThat(messages(outbox)).anyMatch(m -> m.startsWith("20 messages dropped")
                    && m.endsWith("17 dropped by the full queue; 3 still failing at the stop (SQLite: locked)"));
        }
        assertThat(UnsaidDrops.file(store.database().file())).doesNotExist();
    }

    /**
     * The clock is found set by the stop's last write, the one that says the full queue's drop: it restamps the held
     * messages and cues the session messages, which the stopping writer refuses. That cue is no message: one message
     * dropped is said, once.
     */
    @Test
    void aClockFoundSetInTheStopsLastWriteCountsOnlyTheMessageDropped() throws Exception {
        UnsetClock unset = new UnsetClock();
        Outbox outbox = unset.outbox(store);
        assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
        stopWithTheClockSetInItsLastWrite(unset, outbox);
        assertThat(outbox.dropped()).isEqualTo(1);
        assertThat(outbox.otherWritesDropped()).as("the session messages' cue, refused by the stopping writer: the"
                + " clock was found set in the stop's last write").isEqualTo(1);
        assertThat(UnsaidDrops.file(store.database().file())).as("nothing left unsaid").doesNotExist();
        try (Outbox next = store.outbox(1000)) {
            assertThat(next.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(next)).as("the one message dropped").isEqualTo(1);
        }
    }

    /**
     * As above, SQLite refusing the outbox's inserts at the stop: the last write finds the clock set, restamps and
     * cues, and then fails on the event's insert; its restamp is taken back, its cue was no message. The one message
     * dropped is left for the next start, which says it once.
     */
    @Test
    void aClockFoundSetInAStopsLastWriteThatFailsLeavesOnlyTheMessageDropped() throws Exception {
        UnsetClock unset = new UnsetClock();
        Outbox outbox = unset.outbox(store);
        assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
        refuseInserts(true);
        stopWithTheClockSetInItsLastWrite(unset, outbox);
        assertThat(outbox.otherWritesDropped()).as("the last write's cue: it found the clock set").isEqualTo(1);
        assertThat(java.nio.file.Files.readString(UnsaidDrops.file(store.database().file())))
                .as("left for the next start").startsWith("1 dropped by the full queue");
        refuseInserts(false);
        try (Outbox next = store.outbox(1000)) {
            assertThat(next.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(next)).as("the one message dropped").isEqualTo(1);
        }
    }

    /**
     * The outbox's full queue drops two messages (an offered one, an event) and two other writes (an acknowledgement,
     * a release). The event the page lists says them as the outbox's (not the store's, whose queue is another), how
     * many writes and how many of them messages: the count the grid side hears in outbox.dropped.
     */
    @Test
    void theOutboxsOverflowEventSaysItsWritesAndHowManyOfThemWereMessages() throws Exception {
        Instant from = store.clock.instant();
        try (Outbox outbox = store.outbox(new OutboxLimits(Duration.ofHours(1), 1000, 1))) {
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            CountDownLatch go = holdWriter(outbox);
            outbox.acknowledged(1); // fills the queue of 1
            assertThat(outbox.offer(store.clock.instant(), new EventBody("e", "s", "dropped"))).isFalse();
            outbox.event(EventKind.UPSTREAM_COMMANDS_SUBSCRIBED, "upstream", "dropped event");
            outbox.acknowledged(2);
            outbox.release(3);
            go.countDown();
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(outbox.dropped()).isEqualTo(2);
            assertThat(outbox.otherWritesDropped()).isEqualTo(2);
        }
        List<StoreEvent> events;
        try (StoreReader r = store.reader()) {
            events = r.events(from, store.clock.instant().plusSeconds(1));
        }
        assertThat(events).filteredOn(e -> e.kind().equals("store.overflow")).as("the store's queue did not overflow")
                .isEmpty();
        assertThat(events).filteredOn(e -> e.kind().equals("outbox.overflow")).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("outbox");
            assertThat(e.args()).containsEntry("dropped", "4").containsEntry("messages", "2")
                    .containsEntry("capacity", "1").containsEntry("total", "4");
            assertThat(e.message()).startsWith("4 writes to the upstream outbox dropped, 2 of them messages");
        });
        try (Outbox next = store.outbox(1000)) {
            assertThat(next.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(next)).as("the messages, as the overflow event counts them").isEqualTo(2);
        }
    }

    /**
     * A message offered while the stop drains the writer (its queue of 1000 nearly empty) is refused because the
     * outbox is stopping: counted, left for the next start, which says it with that cause, not as a full queue's; and
     * no {@code outbox.overflow} event says the queue was full.
     */
    @Test
    void aMessageOfferedWhileTheStopDrainsIsSaidAsTheStopsNotAFullQueues() throws Exception {
        Instant from = store.clock.instant();
        Outbox outbox = store.outbox(1000);
        assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
        CountDownLatch go = holdWriter(outbox);
        Thread closer = stopping(outbox);
        assertThat(outbox.offer(store.clock.instant(), new EventBody("e", "s", "refused at the stop"))).isFalse();
        go.countDown();
        closer.join(DEADLINE.toMillis());
        assertThat(closer.isAlive()).as("the stop returned").isFalse();
        assertThat(outbox.dropped()).as("none by the full queue").isZero();
        assertThat(java.nio.file.Files.readString(UnsaidDrops.file(store.database().file())))
                .as("left for the next start").startsWith("1 ").contains("stop").doesNotContain("full");
        try (Outbox next = store.outbox(1000)) {
            assertThat(next.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(droppedSaid(next)).as("the one message").isEqualTo(1);
            assertThat(messages(next)).filteredOn(m -> m.contains("dropped")).singleElement()
                    .satisfies(m -> assertThat(m).contains("stop").doesNotContain("full"));
        }
        try (StoreReader r = store.reader()) {
            assertThat(r.events(from, store.clock.instant().plusSeconds(1)))
                    .filteredOn(e -> e.kind().endsWith(".overflow")).as("no full queue said on the page").isEmpty();
        }
    }

    /** A wall clock not set (before its floor) at the outbox's open, and set when the test says, 1 s later. */
    private static final class UnsetClock {
        private static final ClockFloor FLOOR = new ClockFloor(Instant.parse("2026-11-01T00:00:00Z"), "the test's");
        final VirtualClock clock = new VirtualClock(Instant.parse("1970-01-02T00:00:00Z"), ZoneOffset.UTC);
        private final TestTicker ticker = new TestTicker();

        /** An outbox whose queue holds 1. */
        Outbox outbox(OutboxStore store) {
            return Outbox.open(store.database(), TOPICS, clock, new OutboxLimits(Duration.ofHours(1), 1000, 1),
                    ticker, FLOOR);
        }

        void set() {
            clock.set(Instant.parse("2026-11-29T12:00:00Z"));
            ticker.advance(Duration.ofSeconds(1));
        }
    }

    /**
     * With the writer held, fills the queue of 1 (an acknowledgement), has it drop one message, sets the clock, and
     * stops the outbox: the stop's last write is the one that finds the clock set.
     */
    private static void stopWithTheClockSetInItsLastWrite(UnsetClock unset, Outbox outbox) throws InterruptedException {
        CountDownLatch go = holdWriter(outbox);
        outbox.acknowledged(1); // fills the queue of 1
        assertThat(outbox.offer(unset.clock.instant(), new EventBody("e", "s", "dropped"))).isFalse();
        unset.set();
        Thread closer = stopping(outbox);
        go.countDown();
        closer.join(DEADLINE.toMillis());
        assertThat(closer.isAlive()).as("the stop returned").isFalse();
    }

    /** Holds {@code outbox}'s writer in a write until the latch returned is counted down. */
    private static CountDownLatch holdWriter(Outbox outbox) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        assertThat(outbox.writer().offer(c -> {
            entered.countDown();
            awaitQuietly(go);
        })).isTrue();
        assertThat(entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return go;
    }

    /** A thread stopping {@code outbox}, returned once the stop waits for the writer (its closing is set). */
    private static Thread stopping(Outbox outbox) throws InterruptedException {
        Thread closer = new Thread(outbox::close, "closer");
        closer.start();
        Await.until("the stop waiting for the writer", DEADLINE,
                () -> closer.getState() == Thread.State.TIMED_WAITING);
        return closer;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A trigger that has SQLite refuse every insert into the outbox (SQLITE_CONSTRAINT: it does not pass). */
    private void refuseInserts(boolean refuse) throws SQLException {
        try (Connection c = store.database().open(); Statement s = c.createStatement()) {
            s.execute(refuse ? "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox BEGIN"
                    + " SELECT RAISE(ABORT, 'refused by the test'); END" : "DROP TRIGGER refuse_outbox");
        }
    }

    /**
     * Another connection holding the write lock until closed, the outbox's writer set first to wait 100 ms for it
     * rather than the store's 5 s (the same SQLITE_BUSY, without waiting out 5 s on each attempt).
     */
    private Connection lock(Outbox outbox) throws SQLException, InterruptedException {
        assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(outbox.writer().offer(w -> {
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA busy_timeout = 100");
            }
        })).isTrue();
        assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
        Connection c = store.database().open();
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        return c;
    }

    private static List<JsonNode> events(Outbox outbox) {
        return outbox.next(0, TOPICS.of("state"), false, 100_000).stream().map(r -> {
            try {
                return JSON.readTree(r.payload());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** The sum of the {@code dropped} fields of the outbox's {@code outbox.dropped} events. */
    private static long droppedSaid(Outbox outbox) {
        return events(outbox).stream().filter(e -> Outbox.DROPPED.equals(e.path("kind").asText()))
                .mapToLong(e -> e.path("dropped").asLong()).sum();
    }

    private static List<String> messages(Outbox outbox) {
        return events(outbox).stream().map(e -> e.path("message").asText()).toList();
    }
}
