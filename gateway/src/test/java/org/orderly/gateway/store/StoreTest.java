package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.orderly.gateway.core.time.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T19:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0, java.time.ZoneOffset.UTC);

    private Store open(int capacity) {
        return Store.open(new StoreSettings(dir.resolve("data/orderly.db"), Retention.days(90), capacity,
                Duration.ofMillis(20), Duration.ofDays(1)), clock);
    }

    @Test
    void fileIsInWalModeAtTheNewestSchemaVersion() throws Exception {
        try (Store store = open(100); StoreReader r = store.reader()) {
            assertThat(Database.journalMode(r.connection())).isEqualToIgnoringCase("wal");
            assertThat(Migrations.currentVersion(r.connection())).isEqualTo(Migrations.ALL.size());
        }
    }

    @Test
    void migrationsAreIdempotent() throws Exception {
        Database db = new Database(dir.resolve("m.db"));
        try (Connection c = db.open()) {
            assertThat(Migrations.apply(c, clock)).isEqualTo(Migrations.ALL.size());
            assertThat(Migrations.apply(c, clock)).isEqualTo(Migrations.ALL.size());
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(Migrations.ALL.size());
            }
        }
        try (Store store = Store.open(StoreSettings.of(dir.resolve("m.db"), 90), clock)) {
            assertThat(store.event("boot", "gw", "again")).isTrue();
        }
    }

    @Test
    void samplesAreStoredAsMinutesMergedAcrossARestart() throws Exception {
        try (Store store = open(100)) {
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(1), 100));
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(2), 200));
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(61), 50));
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                List<MinuteReading> rows = r.readings("tx", "power.total.kw", T0, T0.plusSeconds(3600));
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0).mean()).as("100 for 1 s, 200 for the 58 s left")
                        .isCloseTo((100 + 200 * 58) / 59.0, within(1e-9));
            }
            clock.set(T0.plusSeconds(65));
        }
        try (Store store = open(100)) {
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(70), 20));
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(71), 110));
            clock.set(T0.plusSeconds(120));
        }
        try (Store store = open(100); StoreReader r = store.reader()) {
            List<MinuteReading> rows = r.readings("tx", "power.total.kw", T0, T0.plusSeconds(3600));
            assertThat(rows).hasSize(2);
            MinuteReading second = rows.get(1);
            assertThat(second.minute()).isEqualTo(T0.plusSeconds(60));
            assertThat(second.samples()).isEqualTo(3);
            assertThat(second.min()).isEqualTo(20);
            assertThat(second.max()).as("the first run's 200, held into the minute until its 50").isEqualTo(200);
            // Each run's part is a mean over the time it covers (200 for 1 s, then 50 until the stop at second 65; 20
            // for 1 s, then 110 to the minute's end), merged by those times: 5 s and 50 s.
            assertThat(second.covered()).isEqualTo(Duration.ofSeconds(55));
            assertThat(second.mean()).isCloseTo((200 + 50 * 4 + 20 + 110 * 49) / 55.0, within(1e-9));
        }
    }

    @Test
    void finishedMinutesAreWrittenWithoutWaitingForTheNextSample() throws Exception {
        try (Store store = open(100)) {
            store.sample(new Sample("tx", "power.total.kw", T0.plusSeconds(5), 7));
            clock.advanceSeconds(60);
            try (StoreReader r = store.reader()) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (r.readings("tx", "power.total.kw", T0, T0.plusSeconds(60)).isEmpty() && System.nanoTime() < deadline) {
                    assertThat(store.flush(WAIT)).isTrue();
                    Thread.sleep(20);
                }
                assertThat(r.readings("tx", "power.total.kw", T0, T0.plusSeconds(60))).hasSize(1);
            }
        }
    }

    @Test
    void sessionsAreUpsertedAndKeepNulls() throws Exception {
        SessionRecord plugged = new SessionRecord("s1", "p3", T0, null, null, Double.NaN, 0, false);
        SessionRecord ended = new SessionRecord("s1", "p3", T0, T0.plusSeconds(36000), T0.plusSeconds(39600), 20, 18.5, true);
        try (Store store = open(100)) {
            store.session(plugged);
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                SessionRecord got = r.sessions(T0, T0.plusSeconds(1)).get(0);
                assertThat(got.departure()).isNull();
                assertThat(got.declaredDeparture()).isNull();
                assertThat(got.declaredKWh()).isNaN();
            }
            store.session(ended);
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                assertThat(r.sessions(T0, T0.plusSeconds(1))).containsExactly(ended);
            }
        }
    }

    @Test
    void anEndedSessionIsNeverOverwritten() throws Exception {
        SessionRecord ended = new SessionRecord("p3@1", "p3", T0, T0.plusSeconds(3600), null, Double.NaN, 12.5, false);
        SessionRecord another = new SessionRecord("p3@1", "p3", T0, null, null, Double.NaN, 0, false);
        try (Store store = open(100)) {
            store.session(ended);
            store.session(another);
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                assertThat(r.sessions(T0, T0.plusSeconds(1))).containsExactly(ended);
            }
            assertThat(store.failed()).isEqualTo(1);
        }
    }

    @Test
    void plansAndEventsRoundTrip() throws Exception {
        PlanRecord plan = new PlanRecord(0, T0, List.of(
                new PlanSlot(T0, T0.plusSeconds(900), 310.5, 12),
                new PlanSlot(T0.plusSeconds(900), T0.plusSeconds(1800), 300, 40.25)));
        try (Store store = open(100)) {
            store.plan(plan);
            store.event("grid.cap", "cap-7", "limit 350 kW 19:00-21:00");
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                PlanRecord got = r.latestPlan(T0.plusSeconds(5)).orElseThrow();
                assertThat(got.id()).isPositive();
                assertThat(got.createdAt()).isEqualTo(T0);
                assertThat(got.slots()).isEqualTo(plan.slots());
                assertThat(r.latestPlan(T0.minusSeconds(1))).isEmpty();
                assertThat(r.events(T0, T0.plusSeconds(1)))
                        .containsExactly(new StoreEvent(T0, "grid.cap", "cap-7", "limit 350 kW 19:00-21:00"));
            }
        }
    }

    @Test
    void retentionDeletesOldRowsOnly() throws Exception {
        try (Store store = open(100)) {
            store.sample(new Sample("tx", "power.total.kw", T0, 1));
            store.event("old", "x", "");
            store.plan(new PlanRecord(0, T0, List.of(new PlanSlot(T0, T0.plusSeconds(900), 1, 2))));
            store.session(new SessionRecord("old", "p1", T0, T0.plusSeconds(3600), null, Double.NaN, 5, true));
            store.session(new SessionRecord("open", "p2", T0, null, null, Double.NaN, 5, false));
            assertThat(store.flush(WAIT)).isTrue();
            clock.advanceSeconds(91L * 86400);
            store.sample(new Sample("tx", "power.total.kw", clock.instant(), 2));
            store.event("new", "x", "");
            store.runRetention();
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                assertThat(r.readings("tx", "power.total.kw", Instant.EPOCH, clock.instant())).isEmpty();
                assertThat(r.events(Instant.EPOCH, clock.instant().plusSeconds(1))).extracting(StoreEvent::kind).containsExactly("new");
                assertThat(r.latestPlan(clock.instant())).isEmpty();
                assertThat(count(r, "plan_slots")).isZero();
                assertThat(r.sessions(Instant.EPOCH, clock.instant())).extracting(SessionRecord::id).containsExactly("old", "open");
            }
            clock.advanceSeconds(300L * 86400);
            store.runRetention();
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                assertThat(r.sessions(Instant.EPOCH, clock.instant())).extracting(SessionRecord::id).containsExactly("open");
            }
        }
    }

    @Test
    void overflowNeverBlocksIsCountedAndRecordedAsAnEvent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        try (Store store = open(3)) {
            store.writer().offer(c -> {
                blocked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(store.event("e", "x", "#" + i)).isTrue();
            }
            // The writer stays blocked until released (30 s at most): an event that waited for room would run out this
            // bound.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(store.event("e", "x", "lost 1")).isFalse();
                assertThat(store.event("e", "x", "lost 2")).isFalse();
            });
            assertThat(store.dropped()).isEqualTo(2);
            release.countDown();
            assertThat(store.flush(WAIT)).isTrue();
            try (StoreReader r = store.reader()) {
                List<StoreEvent> events = r.events(Instant.EPOCH, T0.plusSeconds(1));
                assertThat(events).extracting(StoreEvent::message).doesNotContain("lost 1", "lost 2");
                assertThat(events).filteredOn(e -> e.kind().equals("store.overflow")).singleElement()
                        .satisfies(e -> assertThat(e.message()).startsWith("2 writes dropped"));
                assertThat(events).filteredOn(e -> e.kind().equals("e")).hasSize(3);
            }
        }
    }

    @Test
    void aFailingWriteLosesOnlyItself() throws Exception {
        try (Store store = open(100)) {
            store.event("a", "x", "");
            store.writer().offer(c -> {
                throw new java.sql.SQLException("boom");
            });
            store.event("b", "x", "");
            assertThat(store.flush(WAIT)).isTrue();
            assertThat(store.failed()).isEqualTo(1);
            try (StoreReader r = store.reader()) {
                assertThat(r.events(Instant.EPOCH, T0.plusSeconds(1))).extracting(StoreEvent::kind).containsExactly("a", "b");
            }
        }
    }

    private static int count(StoreReader r, String table) throws Exception {
        try (Statement s = r.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
