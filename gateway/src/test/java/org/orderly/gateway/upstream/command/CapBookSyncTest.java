package org.orderly.gateway.upstream.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;

/**
 * A grid cap is acknowledged once it is stored (docs/upstream.md, "cmd/cap: a grid cap"): the connection that stores
 * it syncs the WAL at each commit ({@code synchronous=FULL}), so a power cut after the acknowledgement cannot take it.
 */
class CapBookSyncTest {
    @TempDir
    Path dir;

    @Test
    void acceptedCapsAreCommittedWithFullSync() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
        try (Store store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 90), clock);
             CapBook book = CapBook.open(store.database(), clock, CommandLimits.DEFAULT)) {
            assertThat(Database.synchronous(book.connection())).isEqualTo("FULL");
        }
    }
}
