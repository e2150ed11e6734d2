package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.EventsTable;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.upstream.message.EventBody;
import org.orderly.gateway.upstream.message.StateBody;

/** The outbox on a real SQLite file: numbering, order, acknowledgement, held wills, and trimming with its event. */
class OutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final OutboxStore store = new OutboxStore();
    private final VirtualClock clock = store.clock;

    @Test
    void messagesAreNumberedInOrderAndLeaveOnAcknowledgement() throws Exception {
        try (Outbox outbox = store.outbox(100)) {
            for (int i = 0; i < 5; i++) {
                assertThat(outbox.offer(clock.instant(), new EventBody("e", "s", "m" + i))).isTrue();
            }
            outbox.flush(Duration.ofSeconds(5));
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 10);
            assertThat(rows).extracting(OutboxRow::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            JsonNode first = JSON.readTree(rows.get(0).payload());
            assertThat(first.path("id").asText()).isEqualTo("gw-1:1");
            assertThat(first.path("type").asText()).isEqualTo("event");
            assertThat(first.path("message").asText()).isEqualTo("m0");
            assertThat(rows.get(0).topic()).isEqualTo("orderly/v1/gw-1/events");

            outbox.acknowledged(1);
            outbox.acknowledged(3);
            outbox.flush(Duration.ofSeconds(5));
            assertThat(outbox.next(0, TOPICS.of("state"), false, 10)).extracting(OutboxRow::seq).containsExactly(2L, 4L, 5L);
        }
        try (Outbox reopened = store.outbox(100)) {
            reopened.offer(clock.instant(), new EventBody("e", "s", "after restart"));
            reopened.flush(Duration.ofSeconds(5));
            assertThat(reopened.next(5, TOPICS.of("state"), false, 10)).extracting(OutboxRow::seq)
                    .as("numbers go on after a restart").containsExactly(6L);
        }
    }

    @Test
    void aHeldWillIsNotPublishableUntilReleasedAndIsReleasedAtTheNextStart() throws Exception {
        try (Outbox outbox = store.outbox(100)) {
            OutboxRow will = outbox.storeHeld(clock.instant(), StateBody.OFFLINE).get();
            assertThat(will.retained()).isTrue();
            assertThat(outbox.next(0, TOPICS.of("state"), true, 10)).isEmpty();
        }
        try (Outbox reopened = store.outbox(100)) {
            assertThat(reopened.next(0, TOPICS.of("state"), true, 10)).extracting(OutboxRow::seq).containsExactly(1L);
        }
    }

    @Test
    void trimmingByCountAndAgeLeavesAnEventThatNamesWhatWent() throws Exception {
        try (Outbox outbox = store.outbox(3)) {
            for (int i = 0; i < 5; i++) {
                outbox.offer(clock.instant(), new EventBody("e", "s", "m" + i));
            }
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 10);
            assertThat(rows).extracting(OutboxRow::seq).containsExactly(3L, 4L, 5L, 6L);
            JsonNode event = JSON.readTree(rows.get(3).payload());
            assertThat(event.path("kind").asText()).isEqualTo(Outbox.TRIMMED);
            assertThat(event.path("message").asText()).as("the age bound as outbox.maxAgeHours says it")
                    .isEqualTo("2 unsent messages trimmed (seq 1..2): older than 1 h or beyond 3 waiting");
            assertThat(event.path("skipped").path("from").asLong()).as("the numbers in fields too").isEqualTo(1);
            assertThat(event.path("skipped").path("to").asLong()).isEqualTo(2);
            assertThat(outbox.trimmed()).isEqualTo(2);

            clock.advanceSeconds(2 * 3600);
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));
            rows = outbox.next(0, TOPICS.of("state"), false, 10);
            assertThat(rows).hasSize(1).as("all older than an hour went; only the new event is left");
            assertThat(JSON.readTree(rows.get(0).payload()).path("message").asText())
                    .startsWith("4 unsent messages trimmed (seq 3..6)");
        }
        store.flush(Duration.ofSeconds(5));
        try (StoreReader r = store.reader()) {
            List<StoreEvent> events = r.events(Instant.EPOCH, clock.instant().plusSeconds(1));
            assertThat(events).extracting(StoreEvent::kind).contains(Outbox.TRIMMED);
        }
    }

    @Test
    void aMessageSetAsideLeavesTheOutboxIsKeptAndIsNamedInAnEvent() throws Exception {
        try (Outbox outbox = store.outbox(100)) {
            for (int i = 0; i < 3; i++) {
                outbox.offer(clock.instant(), new EventBody("e", "s", "m" + i));
            }
            outbox.flush(Duration.ofSeconds(5));
            outbox.setAside(2, BrokerRefusal.puback("not authorized"));
            outbox.setAside(2, "again: it is gone already, so nothing happens");
            outbox.flush(Duration.ofSeconds(5));

            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 10);
            assertThat(rows).extracting(OutboxRow::seq).containsExactly(1L, 3L, 4L);
            JsonNode event = JSON.readTree(rows.get(2).payload());
            assertThat(event.path("kind").asText()).isEqualTo(Outbox.SET_ASIDE);
            assertThat(event.path("message").asText()).isEqualTo("message 2 (orderly/v1/gw-1/events, "
                    + rows.get(0).payload().length + " bytes) set aside: the broker refused it (not authorized)");
            assertThat(event.path("skipped").path("from").asLong()).as("the number in fields too").isEqualTo(2);
            assertThat(event.path("skipped").path("to").asLong()).isEqualTo(2);
            JsonNode other = JSON.readTree(rows.get(0).payload());
            assertThat(other.has("skipped")).as("other events do not carry the field").isFalse();
            assertThat(outbox.setAsideCount()).isEqualTo(1);
            assertThat(outbox.setAsideStored()).isEqualTo(1);

            clock.advanceSeconds(2 * 3600);
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));
            assertThat(outbox.setAsideStored()).as("kept as long as unsent messages are").isZero();
        }
        store.flush(Duration.ofSeconds(5));
        try (StoreReader r = store.reader()) {
            assertThat(r.events(Instant.EPOCH, clock.instant().plusSeconds(1))).extracting(StoreEvent::kind)
                    .contains(Outbox.SET_ASIDE);
        }
    }

    /**
     * A topic the broker keeps refusing: the first set-aside is said in an event at once, later ones are counted and
     * said in one event every 10 minutes; a set-aside event that is itself set aside makes no event.
     */
    @Test
    void refusalsOnOneTopicAreSaidOnceAndThenSummedUpEveryTenMinutes() throws Exception {
        try (Outbox outbox = store.outbox(100)) {
            for (int i = 0; i < 4; i++) {
                outbox.offer(clock.instant(), new EventBody("e", "s", "m" + i));
            }
            outbox.flush(Duration.ofSeconds(5));
            outbox.setAside(1, BrokerRefusal.puback("reason code 0x87"));
            outbox.flush(Duration.ofSeconds(5));
            outbox.setAside(5, BrokerRefusal.puback("reason code 0x87")); // the event saying message 1
            outbox.setAside(2, BrokerRefusal.puback("reason code 0x87"));
            outbox.setAside(3, BrokerRefusal.puback("reason code 0x90"));
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));
            assertThat(outbox.setAsideCount()).isEqualTo(4);
            assertThat(setAsideEvents(outbox)).as("events saying set-asides, before 10 minutes").isEmpty();
            assertThat(outbox.next(0, TOPICS.of("state"), false, 10)).extracting(OutboxRow::seq).containsExactly(4L);

            clock.advanceSeconds(600);
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));
            assertThat(setAsideEvents(outbox)).containsExactly("2 more messages on orderly/v1/gw-1/events (seq 2..3)"
                    + " set aside since 2026-11-29T12:00:00Z, the last: the broker refused it (reason code 0x90)");
            JsonNode summary = setAsideBodies(outbox).get(0);
            assertThat(summary.path("skipped").path("from").asLong()).as("the summed numbers in fields too").isEqualTo(2);
            assertThat(summary.path("skipped").path("to").asLong()).isEqualTo(3);

            outbox.setAside(4, BrokerRefusal.puback("reason code 0x87"));
            clock.advanceSeconds(599);
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));
            assertThat(setAsideEvents(outbox)).as("one summary per 10 minutes").hasSize(1);
            clock.advanceSeconds(1);
            outbox.trimNow();
            outbox.flush(Duration.ofSeconds(5));
            assertThat(setAsideEvents(outbox)).hasSize(2).last().asString()
                    .startsWith("1 more messages on orderly/v1/gw-1/events (seq 4..4) set aside since");
            assertThat(outbox.setAsideCount()).isEqualTo(5);
        }
    }

    private static List<String> setAsideEvents(Outbox outbox) throws Exception {
        return setAsideBodies(outbox).stream().map(json -> json.path("message").asText()).toList();
    }

    private static List<JsonNode> setAsideBodies(Outbox outbox) throws Exception {
        List<JsonNode> said = new java.util.ArrayList<>();
        for (OutboxRow r : outbox.next(0, TOPICS.of("state"), false, 100)) {
            JsonNode json = JSON.readTree(r.payload());
            if (json.path("kind").asText().equals(Outbox.SET_ASIDE)) {
                said.add(json);
            }
        }
        return said;
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void messagesDroppedByAFullQueueAreReportedInANumberedEvent() throws Exception {
        try (Outbox outbox = store.outbox(new OutboxLimits(Duration.ofHours(1), 100_000, 1))) {
            int offered = 0;
            while (outbox.dropped() == 0 && offered < 100_000) {
                outbox.offer(clock.instant(), new EventBody("e", "s", "m" + offered++));
            }
            assertThat(outbox.dropped()).as("a queue of 1 overflows").isPositive();
            outbox.flush(Duration.ofSeconds(5));
            while (!outbox.next(0, TOPICS.of("state"), false, 200_000).stream()
                    .anyMatch(r -> new String(r.payload()).contains(Outbox.DROPPED))) {
                outbox.trimNow();
                outbox.flush(Duration.ofSeconds(5));
            }
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 200_000);
            JsonNode event = JSON.readTree(rows.stream().filter(r -> new String(r.payload()).contains(Outbox.DROPPED))
                    .findFirst().orElseThrow().payload());
            assertThat(event.path("message").asText()).contains("messages dropped before they were stored");
            // They have no numbers, so no skipped field; how many, as a field a consumer need not parse the text for.
            assertThat(event.has("skipped")).isFalse();
            assertThat(event.path("dropped").isIntegralNumber()).as("the dropped field of %s", event).isTrue();
            assertThat(event.path("dropped").asLong())
                    .isEqualTo(Long.parseLong(event.path("message").asText().split(" ")[0]));
            assertThat(rows).extracting(OutboxRow::seq).as("no gaps: dropped messages were never numbered")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, rows.size()).boxed().toList());
        }
    }

    /**
     * The outbox's stored messages and the sessions it marks as sent must survive a power cut (docs/upstream.md,
     * "Delivery: the outbox"): its writer's connection syncs the WAL at each commit. Read on that connection, in a
     * write of its own.
     */
    @Test
    void theOutboxsWriterCommitsWithFullSync() throws Exception {
        AtomicReference<String> sync = new AtomicReference<>();
        try (Outbox outbox = store.outbox(100)) {
            assertThat(outbox.writer().offer(c -> sync.set(Database.synchronous(c)))).isTrue();
            assertThat(outbox.flush(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(sync).hasValue("FULL");
    }

    /**
     * The outbox's writer reads rows the store's writer writes (the ended sessions) and writes on what it read. In WAL
     * a transaction that read before another connection committed cannot write after it (SQLITE_BUSY_SNAPSHOT, which
     * no busy timeout waits out), so each of its transactions takes the write lock at its start: a write of another
     * connection (here one that does not wait) comes before or after it, never in between.
     */
    @Test
    void theOutboxsWriterHoldsTheWriteLockFromTheStartOfEachTransaction() throws Exception {
        AtomicReference<String> between = new AtomicReference<>();
        try (Outbox outbox = store.outbox(100); Connection other = store.database().open()) {
            try (Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
            }
            assertThat(outbox.writer().offer(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sessions")) {
                    r.next();
                }
                between.set(insertEvent(other, "the store's writer, between the read and the write"));
                EventsTable.insert(c, new StoreEvent(clock.instant(), "outbox", "test", "written after the read"));
            })).isTrue();
            assertThat(outbox.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(outbox.writer().failed()).as("the outbox's transaction wrote after its read").isZero();
            assertThat(between).as("another connection's write while the outbox's transaction ran")
                    .hasValueSatisfying(v -> assertThat(v).contains("SQLITE_BUSY"));
        }
    }

    private String insertEvent(Connection c, String message) {
        try {
            EventsTable.insert(c, new StoreEvent(clock.instant(), "store", "test", message));
            return "written";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
