package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.testkit.ChildProcess;

/**
 * {@code orderly restore} killed (SIGKILL, as a power cut stops it) at each step of its swap, in a child JVM: the store
 * at the path is then the old one or the restored one, whole and sound, never none (until 2026-12-07 a stop between
 * moving the old store aside and renaming the copy in left no store: the next start made a fresh one) and never the
 * restored database with the old store's WAL. The old store is left as kill -9 leaves a gateway's: rows in its WAL
 * only, its -shm beside it.
 */
class RestoreKilledTest {
    private static final List<String> OLD = List.of("old-1", "old-2", "old-3");
    private static final List<String> BACKUP = List.of("backup-1", "backup-2");

    @ParameterizedTest
    @EnumSource(StoreSwap.Step.class)
    @Timeout(120)
    void aRestoreKilledAtEachStepLeavesTheOldStoreOrTheRestoredOneWhole(StoreSwap.Step step, @TempDir Path dir)
            throws Exception {
        Path store = oldStore(dir);
        Path backup = killedAt(step, store, dir);
        List<String> expected = step.compareTo(StoreSwap.Step.REPLACED) >= 0 ? BACKUP : OLD;
        assertThat(StoreCheck.inspect(store)).as("the store at the path after a kill at " + step)
                .isInstanceOf(StoreHealth.Sound.class);
        assertThat(capsOf(store)).as("the store after a kill at " + step + ": the old one or the restored one, whole")
                .isEqualTo(expected);
        for (Path aside : replaced(store)) {
            assertThat(capsOf(aside)).as("the old store kept aside, whole: " + aside).isEqualTo(OLD);
        }
        StoreRestore.from(backup, store, Clock.systemUTC(), Instant.EPOCH);
        assertThat(capsOf(store)).as("a restore done again after the kill").isEqualTo(BACKUP);
    }

    /**
     * A restore is usually run because the store is damaged: until the copy is in its place the old store keeps its
     * damage mark, so a start after a kill never takes it as sound (until 2026-12-07 the mark was moved aside first,
     * and the start ran on the damaged store). A kill between the rename and the mark's removal leaves the restored
     * store marked: the safe side (docs/operations.md).
     */
    @ParameterizedTest
    @EnumSource(StoreSwap.Step.class)
    @Timeout(120)
    void aMarkedStoreKilledAtEachStepIsNeverTakenAsSound(StoreSwap.Step step, @TempDir Path dir) throws Exception {
        Path store = oldStore(dir);
        Files.writeString(StoreCheck.mark(store), "SQLITE_CORRUPT found by the background check\n");
        Path backup = killedAt(step, store, dir);
        boolean restored = step.compareTo(StoreSwap.Step.REPLACED) >= 0;
        assertThat(capsOf(store)).as("the store after a kill at " + step).isEqualTo(restored ? BACKUP : OLD);
        assertThat(StoreCheck.atOpening(store)).as("the store at its start after a kill at " + step)
                .isInstanceOf(step == StoreSwap.Step.MARK_CLEARED ? StoreHealth.Sound.class : StoreHealth.Damaged.class);
        StoreRestore.from(backup, store, Clock.systemUTC(), Instant.EPOCH);
        assertThat(StoreCheck.atOpening(store)).as("restored again after the kill").isInstanceOf(StoreHealth.Sound.class);
        assertThat(replaced(store)).as("the old store kept aside").isNotEmpty();
        assertThat(replaced(store).stream().filter(p -> Files.exists(p.resolveSibling(p.getFileName() + "-mark"))))
                .as("its mark kept aside with it").isNotEmpty();
    }

    /**
     * Where the file system has no hard links (FAT; here a link refused as FAT's link() refuses it, through the swap's
     * own seam), the old store's second name is a copy, made under a passing name and renamed: at each step a kill
     * leaves the old store or the restored one at the path, and a second name that is the old store whole, a file of its
     * own (not the file the gateway writes after the kill), never the passing copy.
     */
    @ParameterizedTest
    @EnumSource(StoreSwap.Step.class)
    @Timeout(120)
    void withoutHardLinksARestoreKilledAtEachStepLeavesTheOldStoreCopiedAsideWhole(StoreSwap.Step step, @TempDir Path dir)
            throws Exception {
        Path store = oldStore(dir);
        Path backup = killedAt(step, store, dir, true);
        boolean restored = step.compareTo(StoreSwap.Step.REPLACED) >= 0;
        assertThat(StoreCheck.inspect(store)).as("the store at the path after a kill at " + step)
                .isInstanceOf(StoreHealth.Sound.class);
        assertThat(capsOf(store)).as("the store after a kill at " + step).isEqualTo(restored ? BACKUP : OLD);
        List<Path> replaced = replaced(store);
        assertThat(replaced).as("the old store kept aside once the kill is at or after OLD_KEPT_ASIDE")
                .hasSize(step.compareTo(StoreSwap.Step.OLD_KEPT_ASIDE) >= 0 ? 1 : 0);
        try (Stream<Path> s = Files.list(store.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")))
                    .as("the passing copy is never left under the second name's passing name").isEmpty();
        }
        for (Path aside : replaced) {
            assertThat(Files.isSameFile(aside, store)).as("the second name is a copy, not a link: " + aside).isFalse();
            assertThat(StoreCheck.inspect(aside)).as("the copy kept aside").isInstanceOf(StoreHealth.Sound.class);
            assertThat(capsOf(aside)).as("the old store copied aside, its WAL's rows taken in: " + aside).isEqualTo(OLD);
        }
        if (!restored) {
            // The gateway started after the kill writes the store at the path; the copy aside stays the old store.
            makeStore(store, List.of("after-1"), false);
            for (Path aside : replaced) {
                assertThat(capsOf(aside)).as("the copy aside after the gateway wrote the store").isEqualTo(OLD);
            }
        }
        StoreRestore.from(backup, store, Clock.systemUTC(), Instant.EPOCH);
        assertThat(capsOf(store)).as("a restore done again after the kill").isEqualTo(BACKUP);
    }

    /** The old store at data/orderly.db as kill -9 leaves a gateway's: rows in its WAL only, its -shm beside it. */
    private static Path oldStore(Path dir) throws Exception {
        Path store = dir.resolve("data/orderly.db");
        Files.createDirectories(store.getParent());
        try (Connection held = makeStore(dir.resolve("running/orderly.db"), OLD, true)) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.copy(dir.resolve("running/orderly.db" + suffix), dir.resolve("data/orderly.db" + suffix),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertThat(Files.size(dir.resolve("data/orderly.db-wal"))).as("the old store's rows in its WAL").isPositive();
        return store;
    }

    /** A restore of {@code store} from a backup made here, in a child JVM killed (SIGKILL) at {@code step}; the backup. */
    private static Path killedAt(StoreSwap.Step step, Path store, Path dir) throws Exception {
        return killedAt(step, store, dir, false);
    }

    /** {@link #killedAt(StoreSwap.Step, Path, Path)}; with {@code noHardLinks}, on a file system refusing links. */
    private static Path killedAt(StoreSwap.Step step, Path store, Path dir, boolean noHardLinks) throws Exception {
        Path backup = dir.resolve("backup.db");
        makeStore(backup, BACKUP, false);
        try (ChildProcess child = ChildProcess.startJava("orderly restore", dir, List.of(), StoppedRestore.class.getName(),
                List.of(backup.toString(), store.toString(), step.name(), Boolean.toString(noHardLinks)), dir.resolve("child.log"))) {
            child.awaitLog("step " + step + " passed", Duration.ofSeconds(60));
            ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as("killed by SIGKILL").isEqualTo(137);
        }
        return backup;
    }

    /** A store with grid caps named {@code ids}; with {@code open}, its connection is returned, its rows in its WAL. */
    static Connection makeStore(Path file, List<String> ids, boolean open) throws Exception {
        Connection c = new Database(file).open();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
        }
        Migrations.apply(c, Clock.systemUTC());
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO grid_caps (id, valid_from, valid_to, limit_kw, received_at) VALUES (?, 0, 1, 7.4, 0)")) {
            for (String id : ids) {
                p.setString(1, id);
                p.executeUpdate();
            }
        }
        if (open) {
            return c;
        }
        c.close();
        return null;
    }

    /** The grid caps' ids in the store, opened as a start opens it. */
    static List<String> capsOf(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = new Database(file).open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM grid_caps ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    private static List<Path> replaced(Path store) throws Exception {
        try (Stream<Path> s = Files.list(store.getParent())) {
            return s.filter(p -> p.getFileName().toString().matches("orderly\\.db\\.replaced-\\d{8}T\\d{6}Z")).toList();
        }
    }

    /** The restore in the child JVM: it says each step passed and, at the one named, waits to be killed. */
    public static final class StoppedRestore {
        private StoppedRestore() {
        }

        public static void main(String[] args) throws InterruptedException {
            StoreSwap.Step at = StoreSwap.Step.valueOf(args[2]);
            // As FAT's link() refuses (EPERM), which the JDK throws as a FileSystemException.
            StoreSwap.HardLink links = Boolean.parseBoolean(args[3]) ? (link, existing) -> {
                throw new FileSystemException(link.toString(), existing.toString(), "Operation not permitted");
            } : StoreSwap.HardLink.OF_THE_FILE_SYSTEM;
            StoreRestore.from(Path.of(args[0]), Path.of(args[1]), Clock.systemUTC(), Instant.EPOCH, step -> {
                System.out.println("step " + step + " passed");
                System.out.flush();
                if (step == at) {
                    try {
                        Thread.sleep(Duration.ofMinutes(5).toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, links);
        }
    }
}
