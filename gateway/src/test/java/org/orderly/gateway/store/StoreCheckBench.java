package org.orderly.gateway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * How long the store's full check ({@link StoreCheck#inspect}: {@code PRAGMA quick_check}; the background check's
 * since the split) and the start's cheap one take on a store of realistic size (docs/benchmarks.md, "The store's check
 * at start"; run by {@code tools/bench/store-check.sh} and {@code tools/bench/store-check-start.sh}). Not a
 * test: a main. It makes the store with the gateway's own schema ({@link Store#open}) and fills it in SQL as a gateway
 * of PILES piles does over DAYS days: the recorder's 5 + 2 x PILES readings a minute ({@link RecordedSeries}; minute
 * by minute, all series each minute, as the writer appends them, full-precision figures), a plan every 15 minutes with
 * 192 slots, three sessions per pile a day, an event an hour with its arguments; then checks it RUNS times.
 *
 * <pre>
 *   StoreCheckBench DIR PILES DAYS RUNS   makes the store in DIR, then checks it RUNS times
 *   StoreCheckBench DIR check RUNS        checks the store in DIR RUNS times (the full check, quick_check)
 *   StoreCheckBench DIR start RUNS        the start's cheap check ({@link StoreCheck#atOpening}) RUNS times
 *   StoreCheckBench DIR wal PILES         the full check in the background, as {@link StoreWatch} runs it, while the
 *                                         store's writer takes what a gateway of PILES piles writes each second: the
 *                                         WAL's size before, at most during and after the check
 * </pre>
 */
public final class StoreCheckBench {
    /** A plan's slots: its 48-hour horizon in quarter hours, as the planner stores it. */
    private static final int PLAN_SLOTS = 192;

    private StoreCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args[1].equals("check")) {
            check(dir.resolve("orderly.db"), Integer.parseInt(args[2]));
            return;
        }
        if (args[1].equals("start")) {
            if (Boolean.getBoolean("bench.driverFirst")) {
                // The store's open loads SQLite's native library anyway: measured apart from the check.
                long t = System.nanoTime();
                try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
                    System.out.printf(Locale.ROOT, "driver loaded in %.3f s%n", (System.nanoTime() - t) / 1e9);
                }
            }
            for (int run = 1; run <= Integer.parseInt(args[2]); run++) {
                long t = System.nanoTime();
                StoreHealth h = StoreCheck.atOpening(dir.resolve("orderly.db"));
                System.out.printf(Locale.ROOT, "start check %d: %s in %.3f s%n", run,
                        h instanceof StoreHealth.Sound ? "ok (header, schema, sequences)" : h.describe(),
                        (System.nanoTime() - t) / 1e9);
            }
            return;
        }
        if (args[1].equals("wal")) {
            walDuringCheck(dir.resolve("orderly.db"), Integer.parseInt(args[2]));
            return;
        }
        int piles = Integer.parseInt(args[1]);
        int days = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path file = dir.resolve("orderly.db");
        Files.createDirectories(dir);
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        long start = end.minus(Duration.ofDays(days)).getEpochSecond();
        long made = System.nanoTime();
        try (Store store = Store.open(StoreSettings.of(file, 3650), Clock.systemUTC())) {
            store.flush(Duration.ofSeconds(10));
        }
        try (Connection c = new Database(file).open(SynchronousMode.OFF); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TEMP TABLE series (meter TEXT, quantity TEXT)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO series VALUES (?, ?)")) {
                for (RecordedSeries series : RecordedSeries.ofGateway(piles)) {
                    p.setString(1, series.meter());
                    p.setString(2, series.quantity());
                    p.executeUpdate();
                }
            }
            long minutes = days * 1440L;
            // Full-precision figures, as a meter's are: a whole number would be stored shorter than a double's 8 bytes.
            s.execute("WITH RECURSIVE m(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM m WHERE x < " + (minutes - 1) + ")"
                    + " INSERT INTO readings (meter, quantity, minute, min, mean, max, samples, covered_ms)"
                    + " SELECT s.meter, s.quantity, " + start + " + 60 * x, abs(random() % 1000000) / 7919.0,"
                    + " abs(random() % 1000000) / 6917.0, abs(random() % 1000000) / 5903.0, 60, 60000 FROM m, series s");
            long plans = days * 96L;
            s.execute("WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < " + (plans - 1) + ")"
                    + " INSERT INTO plans (created_at) SELECT " + start + " + 900 * x FROM n");
            s.execute("WITH RECURSIVE k(y) AS (SELECT 0 UNION ALL SELECT y + 1 FROM k WHERE y < " + (PLAN_SLOTS - 1) + ")"
                    + " INSERT INTO plan_slots SELECT p.id, p.created_at + 900 * y, p.created_at + 900 * (y + 1),"
                    + " abs(random() % 1000000) / 2221.0, abs(random() % 1000000) / 9973.0 FROM plans p, k");
            s.execute("WITH RECURSIVE d(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM d WHERE x < " + (days * 3L * piles - 1)
                    + ") INSERT INTO sessions (id, pile, arrival, departure, declared_departure, declared_kwh,"
                    + " delivered_kwh, full, departure_seen, last_seen, pile_energy_kwh, upstream_stored) SELECT 'p' ||"
                    + " (x % " + piles + ") || '@' || (" + start + " + x * 28800 / " + piles + ") || '-' || x, 'p' || (x % "
                    + piles + "), " + start + " + x * 28800 / " + piles + ", " + start + " + x * 28800 / " + piles
                    + " + 20000, NULL, NULL, 12.5, 0, 1, NULL, 12.5, 1 FROM d");
            s.execute("WITH RECURSIVE e(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM e WHERE x < " + (days * 24L - 1) + ")"
                    + " INSERT INTO events (time, kind, subject, message, args) SELECT " + start + " + 3600 * x,"
                    + " 'control.mode', 'gw', 'normal -> conservative: the transformer reading is stale (last 2 s ago)',"
                    + " '{\"from\":\"normal\",\"to\":\"conservative\",\"reason\":\"stale\"}' FROM e");
            c.commit();
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        System.out.printf(Locale.ROOT, "store: %d piles, %d days: %.1f MB, made in %.0f s%n", piles, days,
                Files.size(file) / 1e6, (System.nanoTime() - made) / 1e9);
        check(file, runs);
    }

    private static void check(Path file, int runs) {
        for (int run = 1; run <= runs; run++) {
            long t = System.nanoTime();
            StoreHealth h = StoreCheck.inspect(file);
            System.out.printf(Locale.ROOT, "check %d: %s in %.2f s%n", run, h.describe(), (System.nanoTime() - t) / 1e9);
        }
    }

    /**
     * The WAL while the full check reads: the writer appends as a gateway does (every second a sample of each of the
     * 5 + 2 x PILES series ({@link RecordedSeries}), folded into minutes; each pile's session row once a minute; an
     * event every 10 s), the check holds its read transaction for as long as it reads, so checkpoints cannot restart
     * the WAL meanwhile.
     */
    private static void walDuringCheck(Path file, int piles) throws Exception {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try (Store store = Store.open(StoreSettings.of(file, 3650), Clock.systemUTC())) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            List<RecordedSeries> all = RecordedSeries.ofGateway(piles);
            Thread load = new Thread(() -> {
                for (long second = 0; !done.get(); second++) {
                    Instant now = Instant.now();
                    for (RecordedSeries series : all) {
                        store.sample(new Sample(series.meter(), series.quantity(), now, (second % 97) / 7.3));
                    }
                    for (int i = 0; i < piles; i++) {
                        if (second % 60 == i % 60) {
                            store.session(new SessionRecord("P" + i + "@bench-" + second, "P" + i, now.minusSeconds(600),
                                    null, null, Double.NaN, second * 0.01, false, true, now, second * 0.01));
                        }
                    }
                    if (second % 10 == 0) {
                        store.event("control.mode", "gw", "bench " + second);
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-load");
            load.start();
            Thread.sleep(65_000); // a minute of load first: the WAL at its steady size
            long before = size(wal);
            java.util.concurrent.atomic.AtomicLong most = new java.util.concurrent.atomic.AtomicLong(before);
            Thread watch = new Thread(() -> {
                while (!done.get()) {
                    most.accumulateAndGet(size(wal), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-wal");
            watch.start();
            long t = System.nanoTime();
            StoreHealth h = StoreCheck.quickCheck(file, () -> false, () -> { });
            double took = (System.nanoTime() - t) / 1e9;
            long atEnd = size(wal);
            Thread.sleep(65_000); // a minute on: the writer's next checkpoints
            done.set(true);
            load.join();
            watch.join();
            System.out.printf(Locale.ROOT, "wal, %d piles: check %s in %.1f s; WAL %.2f MB before, %.2f MB at most"
                    + " during, %.2f MB at its end, %.2f MB a minute later; store writes failed %d, dropped %d%n", piles,
                    h.describe(), took, before / 1e6, most.get() / 1e6, atEnd / 1e6, size(wal) / 1e6, store.failed(),
                    store.dropped());
        }
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
