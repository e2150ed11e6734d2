package org.orderly.gateway.upstream.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderly.gateway.upstream.outbox.OutboxStore.TOPICS;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.store.StoreLock;
import org.orderly.gateway.store.StoreRestore;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.message.EventBody;

/**
 * A store restored from a backup (docs/operations.md, "Backing up and restoring the store"), taken as sqlite3's
 * {@code .backup} takes it, while the gateway runs: the gateway gave out message and session numbers after the backup,
 * which the grid side has. Until 2026-12-05 there was no restore but a copy by hand, and the restored store gave
 * those numbers again (seen on a real run: ids {@code ops43gw:1796471168650..657} twice, telemetry before, plans after,
 * which a grid side that drops repeats by id drops). {@code orderly restore} ({@link StoreRestore}) begins them afresh,
 * and the next start's {@code store.numbered} says a restored store's numbers begin again (until 2026-12-05 it said
 * "a fresh store", as for a store that never had any).
 */
class RestoredStoreNumbersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClockFloor FLOOR = new ClockFloor(Instant.parse("2026-11-01T00:00:00Z"), "the test's floor");
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRestoredStoreGivesNoNumberGivenOutSinceTheBackup(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orderly.db");
        Path backup = dir.resolve("backup.db");
        long lastMessage;
        long lastSession;
        try (Store store = Store.open(StoreSettings.of(file, 90), clock); Outbox outbox = open(store)) {
            offer(outbox, "before the backup");
            store.nextSessionNumber();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + backup + "'"); // as sqlite3 .backup: a whole copy, the gateway running
            }
            clock.advanceSeconds(600);
            for (int i = 0; i < 3; i++) {
                offer(outbox, "after the backup " + i);
                store.nextSessionNumber();
            }
            lastMessage = outbox.next(0, TOPICS.of("state"), false, 100).stream().mapToLong(OutboxRow::seq).max()
                    .orElseThrow();
            lastSession = store.nextSessionNumber();
            store.flush(Duration.ofSeconds(5));
        }
        Files.writeString(StoreCheck.mark(file), "2026-11-29T12:10:00Z store write failed: disk image is malformed\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----")); // the service's, UMask=0027
        clock.advanceSeconds(60);

        StoreRestore.Result restored = StoreRestore.from(backup, file, clock, FLOOR.at());

        assertThat(restored.replaced()).as("the store it replaced, kept").isPresent();
        assertThat(restored.replaced().get()).exists();
        assertThat(Files.getPosixFilePermissions(file)).as("the restored store, moded as the one it replaces")
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.getPosixFilePermissions(StoreLock.fileOf(file))).as("the lock file the restore made, owned"
                + " and moded as the store, so that the service's user can lock it").isEqualTo(
                PosixFilePermissions.fromString("rw-r-----"));
        assertThat(StoreCheck.mark(file)).as("the mark went with the store it marked, or the next start would move"
                + " the restored store aside").doesNotExist();
        clock.advanceSeconds(60);
        try (Store store = Store.open(StoreSettings.of(file, 90), clock); Outbox outbox = open(store)) {
            offer(outbox, "after the restore");
            List<OutboxRow> rows = outbox.next(0, TOPICS.of("state"), false, 100);
            OutboxRow after = rows.stream()
                    .filter(r -> new String(r.payload(), StandardCharsets.UTF_8).contains("after the restore"))
                    .findFirst().orElseThrow();
            assertThat(after.seq()).as("the number of the first message after the restore, against the last one the"
                    + " gateway gave before it (" + lastMessage + ")").isGreaterThan(lastMessage);
            assertThat(rows).filteredOn(r -> r.seq() > lastMessage).extracting(r -> kind(r))
                    .as("said to the grid side first").startsWith("store.numbered");
            OutboxRow numbered = rows.stream().filter(r -> r.seq() > lastMessage).findFirst().orElseThrow();
            assertThat(JSON.readTree(numbered.payload()).path("message").asText())
                    .as("the grid side told why the numbers jump: a restore, not a fresh store")
                    .startsWith("a store restored from a backup: upstream message numbers begin again at "
                            + numbered.seq());
            assertThat(store.reader().events(clock.instant().minusSeconds(3600), clock.instant().plusSeconds(1)))
                    .filteredOn(e -> e.kind().equals("store.numbered")).extracting(e -> e.args().get("form"))
                    .as("the page's texts for the store's numbers begun: when it was new (in the backup), and again"
                            + " after the restore (event.store.numbered.restored)")
                    .containsExactly("clockSet", "restored");
            assertThat(store.nextSessionNumber()).as("the restored store's next session number, against the last"
                    + " given before the restore (" + lastSession + ")").isGreaterThan(lastSession);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%before the backup%'")) {
            assertThat(r.next() && r.getLong(1) == 1).as("the backup's content restored").isTrue();
        }
    }

    @Test
    void aStoreAGatewayHoldsIsNotReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orderly.db");
        Path backup = dir.resolve("backup.db");
        try (Store store = Store.open(StoreSettings.of(file, 90), clock)) {
            store.nextSessionNumber();
        }
        Files.copy(file, backup);
        byte[] before = Files.readAllBytes(file);
        try (StoreLock held = StoreLock.take(file)) {
            assertThatThrownBy(() -> StoreRestore.from(backup, file, clock, FLOOR.at()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("in use");
        }
        assertThat(Files.readAllBytes(file)).as("the store left as it was").isEqualTo(before);
        assertThatThrownBy(() -> StoreRestore.from(dir.resolve("none.db"), file, clock, FLOOR.at()))
                .isInstanceOf(StoreException.class).hasMessageContaining("is not a file; nothing changed");
    }

    private static String kind(OutboxRow row) {
        try {
            return JSON.readTree(row.payload()).path("kind").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Outbox open(Store store) {
        return Outbox.open(store.database(), TOPICS, clock, new OutboxLimits(Duration.ofHours(1), 100, 1000),
                Ticker.SYSTEM, FLOOR);
    }

    private void offer(Outbox outbox, String text) throws InterruptedException {
        outbox.offer(clock.instant(), new EventBody("e", "s", text));
        outbox.flush(Duration.ofSeconds(5));
    }
}
