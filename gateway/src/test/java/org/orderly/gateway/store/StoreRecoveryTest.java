package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.web.CapturedLog;

/**
 * A store found damaged while the gateway runs (garbage over a page of a real SQLite file the running {@link Store}
 * has open) is moved aside as the start moves one, a fresh store made in its place, and the writes go on in it
 * without a restart: those handed over before the move, and failing on the damaged file meanwhile, are not lost.
 * A fresh store that cannot be made (the directory immutable, which stops root too) is said once and tried again
 * after a back-off, not in a loop.
 */
class StoreRecoveryTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data/orderly.db");
    }

    @Test
    @Timeout(60)
    void aStoreDamagedWhileRunningIsMovedAsideAndItsWritesGoOnInAFreshOne() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(StoreSettings.of(file(), 90), Clock.systemUTC())) {
            store.recoverWhenDamaged(Instant.EPOCH);
            store.onMovedAside(moved::add);
            for (int i = 0; i < 5; i++) {
                store.event("test", "before", "before " + i);
            }
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();

            StorePages.garbageOverRootOfOpenStore(file(), "events");
            for (int i = 0; i < 5; i++) {
                store.event("test", "after", "after " + i);
            }
            await("the store moved aside", () -> !moved.isEmpty());
            store.event("test", "later", "later");
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();

            assertThat(moved).as("moved aside once").hasSize(1);
            StoreDamage d = moved.get(0);
            assertThat(d.movedTo()).exists();
            assertThat(d.movedTo().getFileName().toString()).matches("orderly\\.db\\.damaged-\\d{8}T\\d{6}Z");
            assertThat(d.found()).contains("the running gateway found it damaged");
            assertThat(StoreCheck.mark(file())).as("the mark went with the damaged file").doesNotExist();
            assertThat(store.damaged()).as("the fresh store is not damaged").isEmpty();
            try (StoreReader reader = store.reader()) {
                List<String> messages = reader.events(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                        .map(StoreEvent::message).toList();
                assertThat(messages).as("the writes handed over around the move, in the fresh store")
                        .contains("after 0", "after 1", "after 2", "after 3", "after 4", "later");
                assertThat(reader.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::kind)
                        .containsOnlyOnce(StoreDamage.EVENT);
            }
        }
        assertThat(StoreCheck.atOpening(file())).as("the fresh store, closed").isInstanceOf(StoreHealth.Sound.class);
    }

    @Test
    @Timeout(90)
    void aFreshStoreThatCannotBeMadeIsSaidOnceAndTriedAgainAfterABackOff() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        Path data = file().getParent();
        try (CapturedLog log = new CapturedLog();
             Store store = Store.open(StoreSettings.of(file(), 90), Clock.systemUTC())) {
            store.recoverWhenDamaged(Instant.EPOCH, Duration.ofSeconds(3));
            store.onMovedAside(moved::add);
            store.event("test", "before", "before");
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            assumeTrue(ImmutableDirectory.make(data), "chattr +i is not available here");
            try {
                StorePages.garbageOverRootOfOpenStore(file(), "events");
                long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                for (int i = 0; System.nanoTime() < until; i++) {
                    store.event("test", "while", "while " + i);
                    Thread.sleep(100);
                }
                assertThat(moved).as("nothing moved: the directory takes no rename").isEmpty();
                assertThat(log.lines("ERROR", "could not be moved aside")).as("the failed move, said once")
                        .hasSize(1);
                assertThat(store.damaged()).as("still damaged").isPresent();
            } finally {
                ImmutableDirectory.undo(data);
            }
            await("moved aside at a later try", () -> !moved.isEmpty());
            writesGoOn(store);
            assertThat(moved).hasSize(1);
        }
    }

    /**
     * The rename succeeds but the fresh store cannot be made: a directory where SQLite makes the fresh file's rollback
     * journal ({@code orderly.db-journal}, which a move aside leaves where it is), so its first write fails (SQLite's
     * look for a hot journal fails on it too, so the damaged store, put back, gives I/O errors until it is gone). The
     * damaged store is put back whole, said once, and moved at a later try once the way is clear.
     */
    @Test
    @Timeout(90)
    void aSalvageThatFailsAfterTheRenamePutsTheStoreBackAndIsTriedAgainAfterABackOff() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        Path data = file().getParent();
        Path journal = data.resolve("orderly.db-journal");
        try (CapturedLog log = new CapturedLog();
             Store store = Store.open(StoreSettings.of(file(), 90), Clock.systemUTC())) {
            store.recoverWhenDamaged(Instant.EPOCH, Duration.ofSeconds(3));
            store.onMovedAside(moved::add);
            store.event("test", "before", "before");
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            StorePages.garbageOverRootOfOpenStore(file(), "events");
            // Held by the test, the file stays in place: the damage is found and the move waits for the test to let go.
            // The obstacle is put only then, as SQLite finds a directory there in the way of every read of the store.
            try (Database.Use held = store.database().use()) {
                store.event("test", "while", "while");
                await("the damage found", () -> store.damaged().isPresent());
                Files.createDirectory(journal);
            }
            await("the failed move said", () -> {
                store.event("test", "while", "while");
                return !log.lines("ERROR", "could not be moved aside").isEmpty();
            });
            // Two tries at least (3 s, then 6 s after the first) while the way is blocked.
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                store.event("test", "while", "while");
                Thread.sleep(100);
            }
            assertThat(moved).as("nothing moved: the fresh store cannot be made").isEmpty();
            assertThat(log.lines("ERROR", "could not be moved aside")).as("the failed move, said once").hasSize(1);
            assertThat(store.damaged()).as("still damaged").isPresent();
            assertThat(file()).as("the damaged store put back in place").exists();
            assertThat(StoreCheck.mark(file())).as("its mark with it").exists();
            assertThat(asideFiles()).as("nothing left moved aside").isEmpty();
            Files.delete(journal);
            await("moved aside at a later try", () -> !moved.isEmpty());
            writesGoOn(store);
            assertThat(moved).hasSize(1);
            assertThat(asideFiles()).as("the damaged store, moved aside once").hasSize(1);
        }
        assertThat(StoreCheck.atOpening(file())).as("the fresh store, closed").isInstanceOf(StoreHealth.Sound.class);
    }

    /**
     * A fresh store damaged again soon after a move is not moved at once: one ERROR says when it will be, the writes go
     * on failing (given up) meanwhile, and it is moved once the back-off is over, the writes going on in the third
     * store.
     */
    @Test
    @Timeout(90)
    void aFreshStoreDamagedAgainSoonIsMovedAgainOnlyAfterTheBackOff() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog();
             Store store = Store.open(StoreSettings.of(file(), 90), Clock.systemUTC())) {
            // The gateway's minute, shortened: the check that it is not moved at once comes within milliseconds of the
            // ERROR saying it will be, so 5 s leaves ample room on a loaded machine; it was 20 s, most of the test's
            // time.
            store.recoverWhenDamaged(Instant.EPOCH, BACK_OFF);
            store.onMovedAside(moved::add);
            store.event("test", "before", "before");
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            StorePages.garbageOverRootOfOpenStore(file(), "events");
            await("the first move", () -> {
                store.event("test", "while", "while");
                return !moved.isEmpty();
            });
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            StorePages.garbageOverRootOfOpenStore(file(), "events");
            await("the damage again said", () -> {
                store.event("test", "again", "again");
                return !log.lines("ERROR", "is damaged again").isEmpty();
            });
            assertThat(moved).as("not moved again at once (the back-off is %d s)", BACK_OFF.toSeconds()).hasSize(1);
            assertThat(store.damaged()).isPresent();
            await("moved again once the back-off is over", () -> {
                store.event("test", "again", "again");
                return moved.size() == 2;
            }, Duration.ofSeconds(60));
            writesGoOn(store);
            assertThat(store.damaged()).as("the third store is sound").isEmpty();
            assertThat(log.lines("ERROR", "is damaged again")).as("said once").hasSize(1);
            assertThat(asideFiles()).as("two damaged stores moved aside").hasSize(2);
        }
        assertThat(StoreCheck.atOpening(file())).as("the third store, closed").isInstanceOf(StoreHealth.Sound.class);
    }

    /**
     * A reader (the page's, the history command's) open while the store is moved aside reads the fresh store after the
     * move rather than fail on the connection the move closed; a query made during the move waits for it.
     */
    @Test
    @Timeout(60)
    void aReaderOpenAcrossAMoveReadsTheFreshStoreAfterIt() throws Exception {
        List<StoreDamage> moved = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(StoreSettings.of(file(), 90), Clock.systemUTC())) {
            store.recoverWhenDamaged(Instant.EPOCH);
            store.onMovedAside(moved::add);
            store.event("test", "before", "before");
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            try (StoreReader reader = store.reader()) {
                assertThat(reader.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::message)
                        .contains("before");
                StorePages.garbageOverRootOfOpenStore(file(), "events");
                store.event("test", "after", "after");
                await("the store moved aside", () -> !moved.isEmpty());
                assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
                assertThat(reader.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::message)
                        .as("the fresh store's events, read on the reader opened before the move")
                        .contains("after").doesNotContain("before");
            }
        }
    }

    /** The damaged stores moved aside (not their -wal, -shm, -mark). */
    private List<Path> asideFiles() throws IOException {
        try (var files = Files.list(file().getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("orderly\\.db\\.damaged-\\d{8}T\\d{6}Z(-\\d+)?"))
                    .toList();
        }
    }

    /** The back-off of a second move in {@link #aFreshStoreDamagedAgainSoonIsMovedAgainOnlyAfterTheBackOff}. */
    private static final Duration BACK_OFF = Duration.ofSeconds(5);

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        await(what, done, Duration.ofSeconds(30));
    }

    private static void await(String what, BooleanSupplier done, Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The store's writer writes on (in the fresh store, after a move): an event written now is read back. */
    private static void writesGoOn(Store store) throws Exception {
        store.event("test", "later", "later");
        assertThat(store.flush(Duration.ofSeconds(10))).as("the store's writer writes on in the fresh store").isTrue();
        try (StoreReader reader = store.reader()) {
            assertThat(reader.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::message)
                    .contains("later");
        }
    }
}
