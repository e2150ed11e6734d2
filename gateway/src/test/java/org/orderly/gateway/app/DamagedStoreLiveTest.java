package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderly.gateway.app.GatewayLiveTest.await;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.Sample;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreDamage;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.alarm.Alarm;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.Today;
import org.orderly.testkit.LoopbackPorts;

/**
 * A gateway whose store file is damaged when it starts (after a power cut, on a worn SD card), against real bridges
 * and a real meter on 127.0.0.1: it moves the store aside, makes a fresh one and controls the piles; the page raises
 * the alarm, the fresh store records the event, and the upstream outbox holds the event message (no broker listens, so
 * it waits there). Before, a store that was not a database or was cut short stopped the start (and systemd restarted
 * it in a loop, every pile without coordination), and one with a corrupt page started and failed its writes unsaid.
 */
class DamagedStoreLiveTest {
    @TempDir
    Path dir;

    enum Damage {
        RANDOM_BYTES, CUT_IN_A_PAGE, CORRUPT_PAGE
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void theGatewayMovesADamagedStoreAsideAndControlsThePiles(Damage damage) throws Exception {
        Path file = dir.resolve("orderly.db");
        damagedStore(file, damage);

        String upstream = """
                upstream:
                  broker: tcp://127.0.0.1:%d
                  plaintext: true
                """.formatted(LoopbackPorts.free());
        try (LiveRig rig = new LiveRig(2, 8, dir, LiveRig.FLAT_TARIFF, upstream)) {
            await("every bridge leased and every session open", Duration.ofSeconds(15), rig::everySessionOpen);
            await("the cars charge", Duration.ofSeconds(15), () -> rig.offeredKw() > 0);

            if (damage == Damage.CORRUPT_PAGE) {
                foundByTheBackgroundCheck(rig, file);
            }
            List<Path> aside = movedAside();
            assertThat(aside).as("the damaged store, moved aside").isNotEmpty();
            Path damaged = aside.get(0);
            AlarmBoard board = new AlarmBoard(rig.gateway.store(), rig.gateway.ticker());
            OverviewBuilder page = new OverviewBuilder(rig.gateway, Clock.systemUTC(), board, () -> new Today(0, 0, 0, 0),
                    Optional::empty);
            // The rename is seen before the move's listeners have run (they run after it, on the moving thread).
            await("the page's alarm for the store moved aside", Duration.ofSeconds(10), () -> page.build().alarms()
                    .stream().anyMatch(a -> a.clearedAt() == null && a.kind() == AlarmKind.STORE_MOVED_ASIDE));
            assertThat(page.build().alarms()).filteredOn(a -> a.clearedAt() == null)
                    .extracting(Alarm::kind, Alarm::detail)
                    .contains(org.assertj.core.groups.Tuple.tuple(AlarmKind.STORE_MOVED_ASIDE, damaged.toString()));

            assertThat(rig.gateway.store().flush(Duration.ofSeconds(10))).isTrue();
            await("the upstream event message stored", Duration.ofSeconds(10),
                    () -> outboxHas(file, "\"kind\":\"" + StoreDamage.EVENT + "\""));
            assertThat(outboxHas(file, "\"seqFrom\":")).as("the event says where the fresh store's numbers begin")
                    .isTrue();
            try (StoreReader reader = rig.gateway.store().reader()) {
                List<StoreEvent> events = reader.events(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60));
                assertThat(events).filteredOn(e -> e.kind().equals(StoreDamage.EVENT))
                        .singleElement().satisfies(e -> assertThat(e.message()).contains(damaged.toString()));
                // The sessions opened now are numbered above the 5 the damaged store gave out, whether its numbers
                // could be read or not.
                List<SessionRecord> open = reader.openSessions();
                assertThat(open).hasSize(2).allSatisfy(s -> assertThat(number(s.id())).isGreaterThan(5));
            }
        }
    }

    /**
     * A page of readings damaged is no damage the start's cheap check reads (docs/operations.md, "A damaged store"):
     * the gateway starts on the store as it is, its background check finds the damage (the mark), and the running
     * gateway moves the store aside without a restart (until 2026-12-01, the next start did).
     */
    private void foundByTheBackgroundCheck(LiveRig rig, Path file) throws Exception {
        await("the store moved aside while running", Duration.ofSeconds(30), () -> !movedAside().isEmpty());
        Path aside = movedAside().get(0);
        assertThat(Files.readString(aside.resolveSibling(aside.getFileName() + "-mark")))
                .as("the mark the background check left, moved with the store").contains("its check found");
        try (StoreReader reader = rig.gateway.store().reader()) {
            assertThat(reader.events(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60)))
                    .filteredOn(e -> e.kind().equals(StoreDamage.EVENT)).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("the running gateway found it damaged"));
        }
        await("every bridge leased and every session open still", Duration.ofSeconds(15), rig::everySessionOpen);
    }

    private static long number(String sessionId) {
        return Long.parseLong(sessionId.substring(sessionId.lastIndexOf('-') + 1));
    }

    private static boolean outboxHas(Path file, String text) {
        try (Connection c = new Database(file).open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT payload FROM outbox")) {
            while (r.next()) {
                if (new String(r.getBytes(1), java.nio.charset.StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading the outbox of " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Path> movedAside() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("orderly\\.db\\.damaged-\\d{8}T\\d{6}Z")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A store made by the gateway's own Store (a week of readings, five sessions), then damaged. */
    private static void damagedStore(Path file, Damage damage) throws Exception {
        try (Store store = Store.open(StoreSettings.of(file, 90), Clock.systemUTC())) {
            Instant now = Instant.now();
            for (int i = 0; i < 7 * 24 * 60; i++) {
                store.sample(new Sample("tx", "power.total.kw", now.minus(Duration.ofDays(7)).plusSeconds(60L * i), i % 40));
            }
            for (int i = 0; i < 5; i++) {
                long n = store.nextSessionNumber();
                Instant arrival = now.minus(Duration.ofDays(5 - i));
                store.session(new SessionRecord("p0@" + arrival.getEpochSecond() + "-" + n, "p0", arrival,
                        arrival.plusSeconds(3600), null, Double.NaN, 5, false));
            }
            assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
        }
        int pageSize = 4096;
        switch (damage) {
            case RANDOM_BYTES -> {
                byte[] junk = new byte[256 * 1024];
                new Random(7).nextBytes(junk);
                Files.write(file, junk);
            }
            case CUT_IN_A_PAGE -> {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(f.length() / 2 / pageSize * pageSize + pageSize / 3);
                }
            }
            case CORRUPT_PAGE -> {
                int root;
                try (Connection c = new Database(file).open(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'readings'")) {
                    root = r.getInt(1);
                }
                byte[] junk = new byte[pageSize];
                new Random(root).nextBytes(junk);
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.seek((long) (root - 1) * pageSize);
                    f.write(junk);
                }
            }
        }
    }
}
