package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore over a store whose WAL cannot be taken into it (here: a reader, such as an installer's sqlite3, keeps a
 * read transaction open on it), stopped before the copy is in its place: the WAL went aside with the old store's second
 * name, so that name must be a copy of the old database, not a hard link to the file the gateway opens and writes
 * after the stop (opened with the old WAL, it would be the new pages with the old frames laid over them).
 */
@Timeout(120)
class RestoreWalKeptTest {
    private static final List<String> OLD = List.of("old-1", "old-2");

    @TempDir
    Path dir;

    @Test
    void theOldStoreKeptAsideWithItsWalIsACopyNotTheStoreTheGatewayWrites() throws Exception {
        Path store = Files.createDirectories(dir.resolve("data")).resolve("orderly.db");
        Path backup = dir.resolve("backup.db");
        RestoreKilledTest.makeStore(backup, List.of("backup-1"), false);
        try (Connection running = RestoreKilledTest.makeStore(dir.resolve("running.db"), OLD, true)) {
            // As kill -9 leaves a gateway's store: its rows in its WAL only.
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.copy(dir.resolve("running.db" + suffix), store.resolveSibling("orderly.db" + suffix));
            }
        }
        assertThat(store.resolveSibling("orderly.db-wal")).as("the old store's rows in its WAL").isNotEmptyFile();
        try (Connection reader = new Database(store).open()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM grid_caps")) {
                r.next();
                assertThatThrownBy(() -> StoreRestore.from(backup, store, Clock.systemUTC(), Instant.EPOCH, step -> {
                    if (step == StoreSwap.Step.OLD_KEPT_ASIDE) {
                        throw new IllegalStateException("stopped at " + step);
                    }
                })).hasMessageContaining("stopped at OLD_KEPT_ASIDE");
            }
            reader.rollback();
        }
        Path aside;
        try (Stream<Path> s = Files.list(store.getParent())) {
            aside = s.filter(p -> p.getFileName().toString().matches("orderly\\.db\\.replaced-\\d{8}T\\d{6}Z"))
                    .findFirst().orElseThrow();
        }
        assertThat(aside.resolveSibling(aside.getFileName() + "-wal")).as("the WAL not taken in, kept aside").exists();
        assertThat(Files.isSameFile(aside, store)).as("the old store kept aside is the file at the path").isFalse();
        RestoreKilledTest.makeStore(store, List.of("after-1"), false);
        assertThat(RestoreKilledTest.capsOf(aside)).as("the old store kept aside, after the gateway wrote the store").isEqualTo(OLD);
    }
}
