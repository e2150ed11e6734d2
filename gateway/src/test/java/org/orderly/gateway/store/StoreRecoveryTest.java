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
            store.event("test", "later", "later");
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            try (StoreReader reader = store.reader()) {
                assertThat(reader.events(Instant.EPOCH, Instant.now().plusSeconds(60))).extracting(StoreEvent::message)
                        .contains("later");
            }
            assertThat(moved).hasSize(1);
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
