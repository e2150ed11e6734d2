package org.orderly.gateway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * How long the store's check at start ({@link StoreCheck#inspect}: {@code PRAGMA quick_check}) takes on a store of
 * realistic size (docs/benchmarks.md, "The store's check at start"; run by {@code tools/bench/store-check.sh}). Not a
 * test: a main. It makes the store with the gateway's own schema ({@link Store#open}) and fills it in SQL as a gateway
 * of PILES piles does over DAYS days: the recorder's 3 + 2 x PILES readings a minute (minute by minute, all series
 * each minute, as the writer appends them), a plan every 15 minutes with 96 slots, three sessions per pile a day, an
 * event an hour; then checks it RUNS times.
 *
 * <pre>
 *   StoreCheckBench DIR PILES DAYS RUNS   makes the store in DIR, then checks it RUNS times
 *   StoreCheckBench DIR check RUNS        checks the store in DIR RUNS times
 * </pre>
 */
public final class StoreCheckBench {
    private StoreCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args[1].equals("check")) {
            check(dir.resolve("orderly.db"), Integer.parseInt(args[2]));
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
                for (String q : new String[] {"power.total.kw", "current.a.a", "current.b.a"}) {
                    p.setString(1, "transformer");
                    p.setString(2, q);
                    p.executeUpdate();
                }
                for (int i = 0; i < piles; i++) {
                    for (String q : new String[] {"power.kw", "amps.offered"}) {
                        p.setString(1, "p" + i);
                        p.setString(2, q);
                        p.executeUpdate();
                    }
                }
            }
            long minutes = days * 1440L;
            s.execute("WITH RECURSIVE m(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM m WHERE x < " + (minutes - 1) + ")"
                    + " INSERT INTO readings SELECT s.meter, s.quantity, " + start + " + 60 * x, (x % 97) * 0.5,"
                    + " (x % 97) * 0.6, (x % 97) * 0.7, 60 FROM m, series s");
            long plans = days * 96L;
            s.execute("WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < " + (plans - 1) + ")"
                    + " INSERT INTO plans (created_at) SELECT " + start + " + 900 * x FROM n");
            s.execute("WITH RECURSIVE k(y) AS (SELECT 0 UNION ALL SELECT y + 1 FROM k WHERE y < 95)"
                    + " INSERT INTO plan_slots SELECT p.id, p.created_at + 900 * y, p.created_at + 900 * (y + 1),"
                    + " 120.5, 40.25 FROM plans p, k");
            s.execute("WITH RECURSIVE d(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM d WHERE x < " + (days * 3L * piles - 1)
                    + ") INSERT INTO sessions (id, pile, arrival, departure, declared_departure, declared_kwh,"
                    + " delivered_kwh, full, departure_seen, last_seen, pile_energy_kwh, upstream_stored) SELECT 'p' ||"
                    + " (x % " + piles + ") || '@' || (" + start + " + x * 28800 / " + piles + ") || '-' || x, 'p' || (x % "
                    + piles + "), " + start + " + x * 28800 / " + piles + ", " + start + " + x * 28800 / " + piles
                    + " + 20000, NULL, NULL, 12.5, 0, 1, NULL, 12.5, 1 FROM d");
            s.execute("WITH RECURSIVE e(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM e WHERE x < " + (days * 24L - 1) + ")"
                    + " INSERT INTO events (time, kind, subject, message) SELECT " + start + " + 3600 * x,"
                    + " 'control.mode', 'gw', 'normal -> conservative: the transformer reading is stale (last 2 s ago)'"
                    + " FROM e");
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
}
