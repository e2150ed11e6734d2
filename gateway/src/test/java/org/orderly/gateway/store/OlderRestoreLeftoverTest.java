package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.web.CapturedLog;

/**
 * The files an older build's {@code orderly restore} (until 2026-12-07, git show 08a6c806^:.../StoreRestore.java)
 * left when stopped between moving the store aside and renaming its copy in: the store's {@code -wal}, {@code -shm}
 * and damage mark, then the store, renamed to {@code NAME.replaced-STAMP}, and {@code NAME.restoring} beside them,
 * nothing at the path. The start puts the old store back (its WAL's rows too, its mark with it) and says so in one line;
 * an earlier restore's replaced store, older than the copy, is left where it is.
 */
@Timeout(60)
class OlderRestoreLeftoverTest {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> OLD = List.of("old-1", "old-2");

    @TempDir
    Path dir;

    @Test
    void theStoreAnOlderRestoreLeftAsideIsPutBackAtTheStartAndSaidInOneLine() throws Exception {
        Path store = dir.resolve("orderly.db");
        Path aside = olderRestoreStoppedBeforeItsRename(store, false);
        Path copy = dir.resolve("orderly.db.restoring");
        try (CapturedLog log = new CapturedLog()) {
            assertThat(StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH)).as("not damaged").isEmpty();
            assertThat(log.lines("put back from " + aside, "older Orderly's restore", copy.toString()))
                    .as("one line naming the store put back, where from and the copy left").hasSize(1);
        }
        assertThat(RestoreKilledTest.capsOf(store)).as("the old store put back, its WAL's rows too").isEqualTo(OLD);
        assertThat(aside).as("moved back, not copied").doesNotExist();
        assertThat(copy).as("the copy left for a restore run again").exists();
    }

    @Test
    void aDamagedStorePutBackKeepsItsMarkAndIsMovedAsideAsDamaged() throws Exception {
        Path store = dir.resolve("orderly.db");
        olderRestoreStoppedBeforeItsRename(store, true);
        assertThat(StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH))
                .as("the store put back with its mark, taken as damaged at the start").isPresent();
    }

    @Test
    void anEarlierRestoresReplacedStoreOlderThanTheCopyIsNotPutBack() throws Exception {
        Path store = dir.resolve("orderly.db");
        olderRestoreStoppedBeforeItsRename(store, false);
        Path copy = dir.resolve("orderly.db.restoring");
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(3600)));
        StoreCheck.atStart(store, Clock.systemUTC(), Instant.EPOCH);
        assertThat(store).as("no store put back: the replaced one is older than the copy").doesNotExist();
    }

    /**
     * The older build's restore stopped between its two renames: the store ({@code OLD} in its WAL, as kill -9 leaves
     * a gateway's) renamed aside, side files first, the copy made beside it; where the store went.
     */
    private Path olderRestoreStoppedBeforeItsRename(Path store, boolean marked) throws Exception {
        Path copy = dir.resolve("orderly.db.restoring");
        RestoreKilledTest.makeStore(copy, List.of("backup-1"), false);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().minusSeconds(1)));
        Path aside = dir.resolve("orderly.db.replaced-" + STAMP.format(Instant.now()));
        try (Connection held = RestoreKilledTest.makeStore(dir.resolve("running/orderly.db"), OLD, true)) {
            for (String suffix : List.of("-wal", "-shm", "")) {
                Files.copy(dir.resolve("running/orderly.db" + suffix), aside.resolveSibling(aside.getFileName() + suffix),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        if (marked) {
            Files.writeString(aside.resolveSibling(aside.getFileName() + "-mark"), "SQLITE_CORRUPT found\n");
        }
        assertThat(store).doesNotExist();
        return aside;
    }
}
