package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StoreDamage;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.message.EventBody;

/**
 * A store that never numbered a message (a new gateway's, or one made after the operator deleted or moved the old)
 * numbers from the clock's milliseconds, not 1, and says so once in a {@code store.numbered} event naming
 * {@code seqFrom}: an id an earlier store of the gateway gave is not given again (docs/upstream.md, "events").
 */
class OutboxFreshStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClockFloor FLOOR = new ClockFloor(Instant.parse("2026-11-01T00:00:00Z"), "the test's floor");

    @RegisterExtension
    final OutboxStore store = new OutboxStore();
    private final VirtualClock clock = store.clock;

    private Outbox open() {
        return Outbox.open(store.database(), TOPICS, clock, new OutboxLimits(Duration.ofHours(1), 100, 1000),
                Ticker.SYSTEM, FLOOR);
    }

    @Test
    void aFreshStoreNumbersFromTheClocksMillisecondsAndSaysSoOnce() throws Exception {
        long from = clock.instant().toEpochMilli();
        try (Outbox outbox = open()) {
            outbox.offer(clock.instant(), new EventBody("e", "s", "first"));
            outbox.flush(Duration.ofSeconds(5));
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 10);
            assertThat(rows).extracting(OutboxRow::seq).as("numbered from the clock's milliseconds")
                    .containsExactly(from, from + 1);
            JsonNode said = JSON.readTree(rows.get(0).payload());
            assertThat(said.path("kind").asText()).isEqualTo("store.numbered");
            assertThat(said.path("seqFrom").asLong()).isEqualTo(from);
            assertThat(said.path("id").asText()).isEqualTo("gw-1:" + from);
            assertThat(said.path("message").asText()).contains("begin at " + from);
            assertThat(JSON.readTree(rows.get(1).payload()).path("message").asText()).isEqualTo("first");
        }
        clock.advanceSeconds(60);
        try (Outbox reopened = open()) {
            reopened.offer(clock.instant(), new EventBody("e", "s", "after restart"));
            reopened.flush(Duration.ofSeconds(5));
            assertThat(reopened.next(from + 1, TOPICS.of("state"), false, 10)).extracting(OutboxRow::seq)
                    .as("a store that numbered before goes on by one, no second event").containsExactly(from + 2);
        }
        assertThat(store.reader().events(clock.instant().minusSeconds(3600), clock.instant().plusSeconds(1)))
                .extracting(StoreEvent::kind).as("the page's events").containsOnlyOnce("store.numbered");
    }

    /**
     * A damaged store that never numbered a message, moved aside at a start: the fresh store's numbers begin above any
     * an earlier store of the gateway gave, and one event says where, its {@code seqFrom} the number it is itself sent
     * with. Until 2026-12-05 the salvage kept the sequence at 0, so the fresh store first sent {@code store.numbered}
     * (seqFrom the clock's milliseconds) and then {@code store.movedAside} with {@code seqFrom: 1}, contradicting it.
     */
    @Test
    void aDamagedStoreThatNeverNumberedIsMovedAsideWithOneEventNamingWhereTheNumbersBegin(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("orderly.db");
        try (Store never = Store.open(StoreSettings.of(file, 90), clock)) {
            never.event("boot", "gw", "a store that gave no upstream number");
        }
        Files.writeString(StoreCheck.mark(file), "2026-11-29T11:00:00Z store write failed: database disk image is "
                + "malformed\n");
        StoreDamage damage = StoreCheck.atStart(file, clock, FLOOR.at()).orElseThrow();

        try (Store fresh = Store.open(StoreSettings.of(file, 90), clock);
             Outbox outbox = Outbox.open(fresh.database(), TOPICS, clock,
                     new OutboxLimits(Duration.ofHours(1), 100, 1000), Ticker.SYSTEM, FLOOR)) {
            outbox.storeMovedAside(damage);
            outbox.flush(Duration.ofSeconds(5));
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 10);
            long first = rows.get(0).seq();
            OutboxRow moved = rows.stream().filter(r -> kind(r).equals(StoreDamage.EVENT))
                    .findFirst().orElseThrow();
            assertThat(JSON.readTree(moved.payload()).path("seqFrom").asLong())
                    .as("seqFrom: the first number the fresh store gave").isEqualTo(first);
            assertThat(rows).extracting(OutboxFreshStoreTest::kind).as("one event says where the numbers begin")
                    .containsExactly(StoreDamage.EVENT);
            assertThat(damage.firstSeq()).isEqualTo(first);
            assertThat(first).as("above any number an earlier store gave").isGreaterThan(clock.instant().toEpochMilli());
        }
    }

    /**
     * Two damaged stores that never numbered a message, moved aside at starts while the clock is not set, their files
     * last written by that unset clock: until 2026-12-05 both fresh stores began at the floor's milliseconds plus one.
     */
    @Test
    void twoDamagedStoresMovedAsideWhileTheClockIsNotSetGiveDifferentNumbers(@TempDir Path dir) throws Exception {
        assertTwoStoresBegunWhileTheClockIsNotSetDiffer(dir, this::firstNumberAfterAMoveAside);
    }

    /** What a store at {@code file} gives first. */
    private interface FirstNumber {
        long of(Path file) throws Exception;
    }

    private void assertTwoStoresBegunWhileTheClockIsNotSetDiffer(Path dir, FirstNumber store) throws Exception {
        clock.set(Instant.parse("1970-01-01T00:00:10Z"));
        long first = store.of(dir.resolve("one.db"));
        long second = store.of(dir.resolve("two.db"));
        assertThat(second).as("the second store's first number, against the first's").isNotEqualTo(first);
        long floor = FLOOR.at().toEpochMilli();
        assertThat(first).as("above the floor's milliseconds by 2^51 and a random offset below 2^51")
                .isBetween(floor + (1L << 51), floor + (1L << 52));
    }

    private long firstNumberAfterAMoveAside(Path file) throws Exception {
        try (Store never = Store.open(StoreSettings.of(file, 90), clock)) {
            never.event("boot", "gw", "a store that gave no upstream number");
        }
        for (Path p : List.of(file, file.resolveSibling(file.getFileName() + "-wal"))) {
            if (Files.exists(p)) {
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(clock.instant()));
            }
        }
        Files.writeString(StoreCheck.mark(file), "1970-01-01T00:00:09Z store write failed: database disk image is "
                + "malformed\n");
        return StoreCheck.atStart(file, clock, FLOOR.at()).orElseThrow().firstSeq();
    }

    private static String kind(OutboxRow row) {
        try {
            return JSON.readTree(row.payload()).path("kind").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading the payload of message " + row.seq(), e);
        }
    }

    @Test
    void whileTheClockIsNotSetAFreshStoreNumbersFarAboveItsFloorAtARandomOffset() throws Exception {
        clock.set(Instant.parse("1970-01-01T00:00:10Z"));
        try (Outbox outbox = open()) {
            outbox.offer(clock.instant(), new EventBody("e", "s", "while not set"));
            outbox.flush(Duration.ofSeconds(5));
            long floor = FLOOR.at().toEpochMilli();
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 10);
            long from = rows.get(0).seq();
            assertThat(from).as("above the floor's milliseconds by 2^51 and a random offset below 2^51")
                    .isBetween(floor + (1L << 51), floor + (1L << 52) - 1);
            assertThat(from).as("exact as a double, for consumers that read JSON numbers so").isLessThan(1L << 53);
            JsonNode json = JSON.readTree(rows.get(0).payload());
            assertThat(json.path("kind").asText()).isEqualTo("store.numbered");
            assertThat(json.path("seqFrom").asLong()).isEqualTo(from);
            assertThat(json.path("message").asText()).contains("while the clock is not set").contains("the test's floor")
                    .contains("begin at " + from);
            assertThat(json.path("ts").asText()).isEqualTo(FLOOR.at().toString());
        }
    }

    /**
     * Two fresh stores begun while the clock is not set (a gateway without a battery-backed clock, its store deleted
     * twice before NTP came): until 2026-12-05 both numbered from the floor's milliseconds, so the second gave the
     * grid side ids it already had, dropped there as repeats.
     */
    @Test
    void twoFreshStoresBegunWhileTheClockIsNotSetGiveDifferentNumbers(@TempDir Path dir) throws Exception {
        assertTwoStoresBegunWhileTheClockIsNotSetDiffer(dir, this::firstNumberOfAFreshStore);
    }

    private long firstNumberOfAFreshStore(Path file) throws Exception {
        try (Store fresh = Store.open(StoreSettings.of(file, 90), clock);
             Outbox outbox = Outbox.open(fresh.database(), TOPICS, clock,
                     new OutboxLimits(Duration.ofHours(1), 100, 1000), Ticker.SYSTEM, FLOOR)) {
            outbox.offer(clock.instant(), new EventBody("e", "s", "while not set"));
            outbox.flush(Duration.ofSeconds(5));
            OutboxRow said = outbox.next(0, TOPICS.of("state"), false, 10).get(0);
            assertThat(kind(said)).isEqualTo("store.numbered");
            return said.seq();
        }
    }

    @Test
    void withoutAFloorToJudgeTheClockByNumbersBeginAtOne() throws Exception {
        try (Outbox outbox = store.outbox(100)) {
            outbox.offer(clock.instant(), new EventBody("e", "s", "first"));
            outbox.flush(Duration.ofSeconds(5));
            assertThat(outbox.next(0, TOPICS.of("state"), false, 10)).extracting(OutboxRow::seq).containsExactly(1L);
        }
    }
}
