package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.VirtualClock;
import org.orderly.testkit.BadTextFile;

/**
 * The store's check at start on real SQLite files made by the gateway's own {@link Store} and then damaged as power
 * cuts and worn SD cards damage them: random bytes, a file cut in the middle of a page, garbage over one page. A
 * damaged store is moved aside whole (with its -wal and -shm, nothing changed or deleted), a fresh one is made with
 * what SQLite could still read of what matters (open sessions, unsent messages, the two number sequences, grid
 * caps), and numbers that could not be read start above any given out before.
 */
class StoreCheckTest {
    private static final Instant T0 = Instant.parse("2026-12-01T13:15:00Z");
    private static final Instant BUILT = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);
    /** Each table's root page and the page size, read from the live store before its image is taken. */
    private final java.util.Map<String, Integer> roots = new java.util.HashMap<>();
    private int pageSize;

    private Path file() {
        return dir.resolve("data/orderly.db");
    }

    /**
     * A store as a power cut leaves it: a month of readings checkpointed into the file, then sessions (one open, one
     * ended), session numbers up to 41, three unsent messages (numbers up to 7) and a grid cap committed to the WAL
     * only, and the three files copied while the store is still open.
     */
    private void crashImage() throws Exception {
        Path live = dir.resolve("live/orderly.db");
        try (Store store = Store.open(new StoreSettings(live, Retention.days(90), 100_000, Duration.ofMillis(50),
                Duration.ofDays(1)), clock)) {
            for (int minute = 0; minute < 30 * 24 * 6; minute++) {
                store.sample(new Sample("tx", "power.total.kw", T0.minus(Duration.ofDays(30)).plusSeconds(600L * minute),
                        minute % 50));
            }
            assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
            try (StoreReader r = store.reader(); Statement s = r.connection().createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            for (int i = 0; i < 41; i++) {
                store.nextSessionNumber();
            }
            store.session(new SessionRecord("p0@1764590000-40", "p0", T0.minusSeconds(7200), T0.minusSeconds(600),
                    null, Double.NaN, 11.5, false));
            store.session(new SessionRecord("p1@1764590100-41", "p1", T0.minusSeconds(3600), null, null, 20, 4.25, false,
                    true, T0.minusSeconds(5), 4.25));
            store.event("boot", "gw", "before the cut");
            assertThat(store.flush(Duration.ofSeconds(10))).isTrue();
            try (Connection c = store.database().open()) {
                for (long seq = 5; seq <= 7; seq++) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox (seq, topic, payload, retained, "
                            + "held, created_at) VALUES (?, ?, ?, 0, ?, ?)")) {
                        p.setLong(1, seq);
                        p.setString(2, "orderly/v1/gw/telemetry");
                        p.setBytes(3, ("{\"seq\":" + seq + "}").getBytes());
                        p.setInt(4, seq == 7 ? 1 : 0);
                        p.setLong(5, T0.toEpochMilli());
                        p.executeUpdate();
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE upstream_seq SET seq = 7");
                    s.execute("INSERT INTO grid_caps VALUES ('peak-1', " + T0.getEpochSecond() + ", "
                            + T0.plusSeconds(3600).getEpochSecond() + ", 300, " + T0.getEpochSecond() + ")");
                }
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'")) {
                    while (r.next()) {
                        roots.put(r.getString(1), r.getInt(2));
                    }
                }
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_size")) {
                    pageSize = r.getInt(1);
                }
                Files.createDirectories(file().getParent());
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Files.copy(live.resolveSibling("orderly.db" + suffix), file().resolveSibling("orderly.db" + suffix));
                }
            }
        }
        assertThat(Files.size(file().resolveSibling("orderly.db-wal"))).as("the WAL holds the last commits").isPositive();
    }

    private int rootPage(String table) {
        return roots.get(table);
    }

    private int pageSize() {
        return pageSize;
    }

    /** Garbage over page {@code page} of the file, as a worn card returns it. */
    private void garbageOverPage(int page, int pageSize) throws IOException {
        StorePages.garbageOverPage(file(), page, pageSize);
    }

    private byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    private List<Path> movedAside() throws IOException {
        try (Stream<Path> s = Files.list(file().getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith("orderly.db.damaged-")).sorted().toList();
        }
    }

    private Optional<StoreDamage> check() {
        return StoreCheck.atStart(file(), clock, BUILT);
    }

    private long single(String sql) throws SQLException {
        try (Connection c = new Database(file()).open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).as(sql).isTrue();
            return r.getLong(1);
        }
    }

    @Test
    void aSoundStoreIsLeftAsItIs() throws Exception {
        crashImage();
        byte[] before = bytes(file());

        assertThat(check()).isEmpty();

        assertThat(movedAside()).isEmpty();
        assertThat(StoreCheck.inspect(file())).isInstanceOf(StoreHealth.Sound.class);
        assertThat(single("SELECT seq FROM session_seq")).isEqualTo(41);
        assertThat(before).isNotEmpty();
    }

    @Test
    void noFileYetIsNoDamage() {
        assertThat(StoreCheck.inspect(file())).isInstanceOf(StoreHealth.Absent.class);
        assertThat(check()).isEmpty();
        assertThat(file()).doesNotExist();
    }

    @Test
    void aFileOfRandomBytesIsMovedAsideAndTheNumbersStartAboveAnyGivenOutBefore() throws Exception {
        Files.createDirectories(file().getParent());
        byte[] junk = new byte[64 * 1024];
        new Random(1).nextBytes(junk);
        Files.write(file(), junk);
        assertThat(StoreCheck.inspect(file())).isInstanceOf(StoreHealth.Damaged.class);

        StoreDamage damage = check().orElseThrow();

        assertThat(damage.found()).contains("not a database");
        assertThat(movedAside()).containsExactly(damage.movedTo());
        assertThat(damage.movedTo().getFileName().toString()).isEqualTo("orderly.db.damaged-20261201T131500Z");
        assertThat(bytes(damage.movedTo())).as("moved, not changed").isEqualTo(junk);
        assertThat(damage.salvaged()).isEmpty();
        assertThat(damage.lost()).isNotEmpty();
        // Nothing could be read: numbers start at the clock's milliseconds, above any a store counting from 0 gave.
        assertThat(single("SELECT seq FROM session_seq")).isGreaterThanOrEqualTo(T0.toEpochMilli());
        assertThat(single("SELECT seq FROM upstream_seq")).isGreaterThanOrEqualTo(T0.toEpochMilli());
        assertThat(damage.firstSeq()).as("where the fresh store's numbers begin")
                .isEqualTo(single("SELECT seq FROM upstream_seq") + 1);
        assertFreshStoreRecords(damage);
    }

    @Test
    void aFileCutInTheMiddleOfAPageIsMovedAside() throws Exception {
        crashImage();
        Files.delete(file().resolveSibling("orderly.db-wal"));
        Files.delete(file().resolveSibling("orderly.db-shm"));
        int pageSize = pageSize();
        long cut = Files.size(file()) / 2 / pageSize * pageSize + pageSize / 2;
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(cut);
        }
        byte[] before = bytes(file());
        assertThat(StoreCheck.inspect(file())).isInstanceOf(StoreHealth.Damaged.class);

        StoreDamage damage = check().orElseThrow();

        assertThat(bytes(damage.movedTo())).isEqualTo(before);
        // SQLite's read-only connection made the WAL and its index (empty) that a WAL-mode file needs: moved along.
        assertThat(movedAside()).first().isEqualTo(damage.movedTo());
        assertThat(movedAside()).allSatisfy(p -> assertThat(p.toString()).startsWith(damage.movedTo().toString()));
        assertFreshStoreRecords(damage);
    }

    @Test
    void aCorruptPageIsFoundByTheBackgroundCheckAndWhatMattersIsSalvagedAtTheNextStart() throws Exception {
        crashImage();
        garbageOverPage(rootPage("readings"), pageSize());
        byte[] db = bytes(file());
        byte[] wal = bytes(file().resolveSibling("orderly.db-wal"));
        byte[] shm = bytes(file().resolveSibling("orderly.db-shm"));
        assertThat(StoreCheck.inspect(file())).as("quick_check finds it").isInstanceOf(StoreHealth.Damaged.class);
        assertThat(bytes(file())).as("the inspection changes nothing").isEqualTo(db);
        // The start's check reads only the schema and what opening the store reads: it misses a page of readings, and
        // the start is not delayed by reading the whole file.
        assertThat(check()).as("the start's cheap check").isEmpty();
        assertThat(movedAside()).isEmpty();
        assertThat(bytes(file())).isEqualTo(db);

        // The background check, after the start, on its own read-only connection: finds it, marks it, says it.
        List<StoreEvent> said = new CopyOnWriteArrayList<>();
        // Without the store's writer, whose retention at open would find the damage first (as it may in a gateway).
        Database database = new Database(file());
        try (StoreWatch watch = StoreWatch.start(database, clock, Duration.ofDays(7), said::add)) {
            // The check is counted last, after the damage is set, the mark written and the event said: waited for,
            // not the damage alone, which is set first.
            awaitTrue("the background check finds the damage and says it", () -> watch.checks() == 1);
            assertThat(database.damage()).get().asString().contains("quick_check");
            assertThat(StoreCheck.mark(file())).exists();
            assertThat(said).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(StoreWatch.EVENT);
                assertThat(e.message()).contains("quick_check");
            });
            assertThat(watch.checks()).isEqualTo(1);
        }
        assertThat(bytes(file())).as("the background check changes nothing").isEqualTo(db);

        StoreDamage damage = check().orElseThrow();

        Path aside = damage.movedTo();
        assertThat(movedAside()).containsExactly(aside, aside.resolveSibling(aside.getFileName() + "-mark"),
                aside.resolveSibling(aside.getFileName() + "-shm"), aside.resolveSibling(aside.getFileName() + "-wal"));
        assertThat(bytes(aside)).isEqualTo(db);
        assertThat(bytes(aside.resolveSibling(aside.getFileName() + "-wal"))).isEqualTo(wal);
        assertThat(damage.found()).contains("quick_check");
        // The -shm is SQLite's index of the WAL, which any reader may rebuild: it is moved, its bytes not compared.
        assertThat(shm).isNotEmpty();
        assertThat(damage.found()).isNotBlank();
        assertThat(damage.lost()).isEmpty();
        assertThat(single("SELECT seq FROM session_seq")).isEqualTo(41);
        assertThat(single("SELECT seq FROM upstream_seq")).isEqualTo(7);
        assertThat(damage.firstSeq()).as("the salvaged numbers go on").isEqualTo(8);
        assertThat(single("SELECT COUNT(*) FROM sessions")).isEqualTo(2);
        assertThat(single("SELECT COUNT(*) FROM sessions WHERE departure IS NULL AND pile_energy_kwh = 4.25")).isEqualTo(1);
        assertThat(single("SELECT COUNT(*) FROM outbox")).isEqualTo(3);
        assertThat(single("SELECT COUNT(*) FROM outbox WHERE held = 1")).as("a will held by the process that is gone"
                + " stays held, for the outbox to release (or set aside) at its opening as after any run").isEqualTo(1);
        assertThat(single("SELECT COUNT(*) FROM grid_caps")).isEqualTo(1);
        assertThat(single("SELECT COUNT(*) FROM readings")).as("history stays in the damaged file").isZero();
        assertFreshStoreRecords(damage);

        // The fresh store goes on from the salvaged numbers.
        try (Store store = Store.open(StoreSettings.of(file(), 90), clock)) {
            assertThat(store.nextSessionNumber()).isEqualTo(42);
        }
        assertThat(check()).as("the fresh store is sound").isEmpty();
    }

    @Test
    void theBackgroundCheckOfASoundStoreLeavesNoMark() throws Exception {
        crashImage();
        List<StoreEvent> said = new ArrayList<>();
        Database database = new Database(file());
        try (StoreWatch watch = StoreWatch.start(database, clock, Duration.ofDays(7), said::add)) {
            awaitTrue("the background check done", () -> watch.checks() == 1);
            assertThat(database.damage()).isEmpty();
        }
        assertThat(said).isEmpty();
        assertThat(StoreCheck.mark(file())).doesNotExist();
        assertThat(check()).isEmpty();
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void sessionNumbersThatCannotBeReadStartAboveAnyGivenOutBefore() throws Exception {
        crashImage();
        try (Connection c = new Database(file()).open(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        garbageOverPage(rootPage("session_seq"), pageSize());

        StoreDamage damage = check().orElseThrow();

        assertThat(damage.lost()).anySatisfy(l -> assertThat(l).contains("session numbers"));
        assertThat(single("SELECT seq FROM session_seq")).isGreaterThanOrEqualTo(T0.toEpochMilli());
        assertThat(single("SELECT seq FROM upstream_seq")).as("read").isEqualTo(7);
        assertThat(single("SELECT COUNT(*) FROM sessions")).isEqualTo(2);
    }

    @Test
    void aStoreTheRunningGatewayFoundDamagedIsMovedAsideAtTheNextStartEvenIfQuickCheckPasses() throws Exception {
        crashImage();
        Files.writeString(StoreCheck.mark(file()), "2026-12-01T13:00:00Z store write failed: database disk image is "
                + "malformed\n");
        assertThat(StoreCheck.inspect(file())).isInstanceOf(StoreHealth.Damaged.class);

        StoreDamage damage = check().orElseThrow();

        assertThat(damage.found()).contains("malformed");
        assertThat(StoreCheck.mark(file())).doesNotExist();
        assertThat(movedAside()).contains(damage.movedTo(),
                damage.movedTo().resolveSibling(damage.movedTo().getFileName() + "-mark"));
        assertThat(single("SELECT seq FROM session_seq")).isEqualTo(41);
        assertThat(check()).isEmpty();
    }

    /**
     * A mark that is not text (Latin-1, zeros where a power cut left its text unwritten, a directory, a link that loops)
     * still marks the store, and the start says what is wrong with it as TextFile says it. Until 2026-12-05 it said
     * "unreadable: Input length = 1" or "Is a directory", and a mark that was a link that loops was not seen at all:
     * the store was started from.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTextFile.class)
    void aMarkThatIsNotTextStillMarksTheStoreAndSaysWhatIsWrongWithIt(BadTextFile bad) throws Exception {
        crashImage();
        Path mark = bad.make(StoreCheck.mark(file()));

        StoreHealth health = StoreCheck.inspect(file());
        assertThat(health).isInstanceOf(StoreHealth.Damaged.class);
        assertThat(health.describe()).doesNotContain("\n").contains(mark.toString()).contains(bad.said);

        StoreDamage damage = check().orElseThrow();

        assertThat(damage.found()).contains(mark.toString()).contains(bad.said);
        assertThat(movedAside()).contains(damage.movedTo());
        assertThat(check()).isEmpty();
    }

    @Test
    void aStoreWhoseWriteFailsAsDamagedWhileRunningSaysSoAndIsMovedAsideAtTheNextStart() throws Exception {
        crashImage();
        try (Connection c = new Database(file()).open(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        garbageOverPage(rootPage("events"), pageSize());
        // Opened without the check, as a store damaged while the gateway runs: the writes to events fail.
        try (Store store = Store.open(StoreSettings.of(file(), 90), clock)) {
            for (int i = 0; i < 3; i++) {
                store.event("test", "gw", "write " + i);
                store.flush(Duration.ofSeconds(10));
            }
            assertThat(store.failed()).isEqualTo(3);
            assertThat(store.damaged()).get().asString().contains("malformed");
            assertThat(StoreCheck.mark(file())).exists();
        }

        StoreDamage damage = check().orElseThrow();

        assertThat(damage.found()).contains("malformed");
        assertThat(single("SELECT seq FROM session_seq")).isEqualTo(41);
    }

    /**
     * A store of schema 5, from a gateway before migration 6 (which offered each session's upstream message when the
     * session ended), found damaged at the first start of this build: its ended sessions are salvaged as sent, as
     * migration 6 marks them in a store that is not damaged, and only the open one is sent when it ends. Until
     * 2026-12-03 the salvage gave them the column's default, not sent, and the outbox sent them again: the one ended
     * within {@code upstream.outbox.maxAgeHours} and the one closed as departed unseen, whenever that was.
     */
    @Test
    void endedSessionsOfADamagedStoreFromBeforeMigration6AreSalvagedAsSent() throws Exception {
        Files.createDirectories(file().getParent());
        try (Connection c = new Database(file()).open(); Statement s = c.createStatement()) {
            assertThat(Migrations.apply(c, clock, Migrations.ALL.subList(0, 5))).isEqualTo(5);
            s.execute("INSERT INTO sessions (id, pile, arrival, departure, delivered_kwh, full, departure_seen) VALUES"
                    + " ('ended-seen', 'p1', " + T0.minusSeconds(3 * 3600).getEpochSecond() + ", "
                    + T0.minusSeconds(3600).getEpochSecond() + ", 10.5, 0, 1),"
                    + " ('ended-unseen', 'p2', " + T0.minus(Duration.ofDays(20)).getEpochSecond() + ", "
                    + T0.minus(Duration.ofDays(19)).getEpochSecond() + ", 4.0, 0, 0),"
                    + " ('open', 'p3', " + T0.minusSeconds(1800).getEpochSecond() + ", NULL, 2.0, 0, 1)");
        }
        Files.writeString(StoreCheck.mark(file()), "2026-12-01T13:00:00Z store write failed: database disk image is "
                + "malformed\n");

        StoreDamage damage = check().orElseThrow();

        assertThat(damage.salvaged()).anySatisfy(l -> assertThat(l).startsWith("sessions: 3 (1 open)"));
        try (Connection c = new Database(file()).open()) {
            assertThat(SessionsTable.upstreamDue(c, T0.minus(Duration.ofDays(365))))
                    .as("ended sessions whose upstream message is still to be stored").isEmpty();
        }
        assertThat(single("SELECT upstream_stored FROM sessions WHERE id = 'open'"))
                .as("the open one: sent when it ends").isZero();
    }

    /** The fresh store is at the newest schema and records the move as an event naming where the damaged file went. */
    private void assertFreshStoreRecords(StoreDamage damage) throws Exception {
        assertThat(damage.file()).isEqualTo(file());
        assertThat(StoreCheck.inspect(file())).isInstanceOf(StoreHealth.Sound.class);
        List<StoreEvent> events = new ArrayList<>();
        try (Store store = Store.open(StoreSettings.of(file(), 90), clock); StoreReader r = store.reader()) {
            assertThat(Migrations.currentVersion(r.connection())).isEqualTo(Migrations.ALL.size());
            events.addAll(r.events(T0.minusSeconds(1), T0.plusSeconds(1)));
        }
        assertThat(events).containsExactly(damage.event());
        assertThat(damage.event().kind()).isEqualTo(StoreDamage.EVENT);
        assertThat(damage.event().subject()).isEqualTo(damage.movedTo().toString());
        assertThat(damage.event().message()).contains(damage.movedTo().toString()).contains(damage.found());
    }
}
