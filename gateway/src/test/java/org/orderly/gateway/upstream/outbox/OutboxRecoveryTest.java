package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orderly.gateway.store.ImmutableDirectory;
import org.orderly.gateway.store.StoreDamage;
import org.orderly.gateway.store.StorePages;
import org.orderly.gateway.upstream.message.EventBody;

/**
 * The outbox's index of held messages going bad under a running gateway (garbage over its root page in the real
 * SQLite file): every insert of an outbox row fails with SQLITE_CORRUPT. The store is moved aside and a fresh one
 * made while running, and the messages handed over before, meanwhile and after are all stored in it, numbered on
 * from the last number given out, without a restart.
 */
class OutboxRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final OutboxStore store = new OutboxStore();

    @Test
    @Timeout(60)
    void messagesHandedOverAroundAMoveAsideAreStoredInTheFreshStoreNumberedOn() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        store.store().recoverWhenDamaged(Instant.EPOCH);
        store.store().onMovedAside(moved::add);
        try (Outbox outbox = store.outbox(1000)) {
            for (int i = 0; i < 3; i++) {
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "before " + i));
            }
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();

            StorePages.garbageOverRootOfOpenStore(store.database().file(), "outbox_held");
            for (int i = 0; i < 3; i++) {
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "after " + i));
            }
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (moved.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(moved).as("the store moved aside while running").hasSize(1);
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "later"));
            assertThat(outbox.flush(Duration.ofSeconds(30))).isTrue();

            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 100);
            List<String> messages = new ArrayList<>();
            for (OutboxRow r : rows) {
                messages.add(JSON.readTree(r.payload()).path("message").asText());
            }
            assertThat(messages).as("every message, in the fresh store, in order").containsExactly("before 0",
                    "before 1", "before 2", "after 0", "after 1", "after 2", "later");
            assertThat(rows).extracting(OutboxRow::seq).as("numbered on, no gap").containsExactly(1L, 2L, 3L, 4L, 5L,
                    6L, 7L);
            assertThat(moved.get(0).firstSeq()).as("where the fresh store's numbers begin").isEqualTo(4L);
        }
    }

    /**
     * A move aside that fails (the directory made immutable, which stops root too) leaves the outbox giving up what the
     * damaged file refuses until a later try moves it: those messages have no number yet, so they leave no gap for the
     * grid side to see, and the {@code store.movedAside} event says how many there were.
     */
    @Test
    @Timeout(90)
    void messagesGivenUpWhileTheMoveFailsAreCountedInTheMovedAsideEvent() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        Path data = store.database().file().getParent();
        store.store().recoverWhenDamaged(Instant.EPOCH, Duration.ofSeconds(3));
        try (Outbox outbox = store.outbox(1000)) {
            store.store().onMovedAside(d -> {
                moved.add(d);
                outbox.storeMovedAside(d);
            });
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "before"));
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            assumeTrue(ImmutableDirectory.make(data), "chattr +i is not available here");
            try {
                StorePages.garbageOverRootOfOpenStore(store.database().file(), "outbox_held");
                for (int i = 0; i < 5; i++) {
                    outbox.offer(store.clock.instant(), new EventBody("e", "s", "while " + i));
                }
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (outbox.givenUp() < 5 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertThat(outbox.givenUp()).as("given up while the move fails").isEqualTo(5);
                assertThat(moved).isEmpty();
            } finally {
                ImmutableDirectory.undo(data);
            }
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (moved.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(moved).as("moved aside at a later try").hasSize(1);
            assertThat(outbox.flush(Duration.ofSeconds(30))).isTrue();
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 100);
            OutboxRow event = rows.stream().filter(r -> new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains(StoreDamage.EVENT)).findFirst().orElseThrow();
            var json = JSON.readTree(event.payload());
            assertThat(json.path("seqFrom").asLong()).isEqualTo(2L);
            OutboxRow drops = rows.stream().filter(r -> new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains(Outbox.DROPPED)).findFirst().orElseThrow();
            var dropped = JSON.readTree(drops.payload());
            assertThat(dropped.path("dropped").asLong()).as("counted where the grid side counts drops").isEqualTo(5);
            assertThat(dropped.path("message").asText()).startsWith("5 messages dropped before they were stored");
        }
    }

    /**
     * A fresh store damaged again soon after a move waits out the back-off before it is moved in turn: the messages the
     * outbox gives up meanwhile have no number, and an {@code outbox.dropped} event counts them once the third store
     * takes it; every message stored is numbered on, no gap.
     */
    @Test
    @Timeout(120)
    void messagesGivenUpWhileAStoreDamagedAgainWaitsForItsMoveAreCounted() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        // The gateway's minute, shortened: the four writes below are given up within milliseconds of their offer (a
        // damaged store's write is given up at once while no move is due), so 5 s leaves them ample room on a loaded
        // machine; it was 20 s, most of this test's time.
        store.store().recoverWhenDamaged(Instant.EPOCH, BACK_OFF);
        try (Outbox outbox = store.outbox(1000)) {
            store.store().onMovedAside(d -> {
                moved.add(d);
                outbox.storeMovedAside(d);
            });
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "before"));
            assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
            StorePages.garbageOverRootOfOpenStore(store.database().file(), "outbox_held");
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "after the first damage"));
            awaitTrue("the first move", () -> moved.size() == 1);
            assertThat(outbox.flush(Duration.ofSeconds(30))).isTrue();

            StorePages.garbageOverRootOfOpenStore(store.database().file(), "outbox_held");
            for (int i = 0; i < 4; i++) {
                outbox.offer(store.clock.instant(), new EventBody("e", "s", "while waiting " + i));
            }
            awaitTrue("the four given up", () -> outbox.givenUp() == 4);
            assertThat(moved).as("not moved again at once: the back-off is %d s", BACK_OFF.toSeconds()).hasSize(1);
            awaitTrue("the second move", () -> moved.size() == 2);
            outbox.offer(store.clock.instant(), new EventBody("e", "s", "later"));
            assertThat(outbox.flush(Duration.ofSeconds(30))).isTrue();

            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 100);
            List<String> messages = new ArrayList<>();
            long dropped = 0;
            for (OutboxRow r : rows) {
                var json = JSON.readTree(r.payload());
                messages.add(json.path("message").asText());
                if (Outbox.DROPPED.equals(json.path("kind").asText())) {
                    dropped += json.path("dropped").asLong();
                }
            }
            assertThat(dropped).as("the four given up, counted").isEqualTo(4);
            assertThat(messages).contains("before", "after the first damage", "later")
                    .noneMatch(m -> m.startsWith("while waiting"));
            List<Long> seqs = rows.stream().map(OutboxRow::seq).toList();
            assertThat(seqs).as("numbered on, no gap").isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size())
                    .boxed().toList());
        }
    }

    /** The back-off of a second move in {@link #messagesGivenUpWhileAStoreDamagedAgainWaitsForItsMoveAreCounted}. */
    private static final Duration BACK_OFF = Duration.ofSeconds(5);

    private static void awaitTrue(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
