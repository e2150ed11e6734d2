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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.store.EventKind;
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
            assertThat(outbox.otherWritesDropped()).as("acknowledgements, releases, set-asides and ticks dropped,"
                    + " counted apart").isEqualTo(16);
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
