package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;

/**
 * The store's writer commits sessions' rows and the session numbers given out, which a power cut must not take: its
 * connection syncs the WAL at each commit ({@code synchronous=FULL}; with NORMAL, WAL commits since the last
 * checkpoint may be lost). The pragma is read on the very connection the writer commits on, from a write of its own.
 */
class WriterSyncTest {
    @TempDir
    Path dir;

    @Test
    void theStoresWriterCommitsWithFullSync() throws Exception {
        AtomicReference<String> sync = new AtomicReference<>();
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90),
                new VirtualClock(Instant.parse("2026-03-01T19:00:00Z"), ZoneOffset.UTC))) {
            assertThat(store.writer().offer(c -> sync.set(Database.synchronous(c)))).isTrue();
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(sync).hasValue("FULL");
    }
}
