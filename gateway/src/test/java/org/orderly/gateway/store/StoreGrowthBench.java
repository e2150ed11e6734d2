package org.orderly.gateway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.orderly.gateway.core.time.VirtualClock;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * How fast the store grows (docs/operations.md, "The store", its sizing; docs/benchmarks.md, "Store growth"; run by
 * {@code tools/bench/store-growth.sh}). Not a test: a main. The store's own writer ({@link Store#sample},
 * {@link Store#plan}) takes what the recorder gives for PILES piles over MINUTES simulated minutes, as fast as it
 * goes: each second a sample of each of the 5 + 2 x PILES series (the transformer's {@code power.total.kw}; the
 * compound's {@code base.kw}, {@code base.bound.kw}, {@code ev.kw}, {@code ev.unmeasured.kw}; each pile's
 * {@code power.kw} and {@code setpoint.a}), each a full-precision figure as a meter's reading is, so a minute's
 * min, mean and max take a double's 8 bytes (a whole number would be stored shorter); and a plan every 15 minutes
 * of 192 slots (its 48-hour horizon). Sessions and events, a few rows a day, are left out. Then it counts the pages
 * each table and its indexes take (SQLite's {@code dbstat}) and prints bytes a reading row, bytes a plan, and the
 * file's size.
 *
 * <pre>
 *   StoreGrowthBench DIR PILES MINUTES
 * </pre>
 */
public final class StoreGrowthBench {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final int PLAN_SLOTS = 192;
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Samples between flushes, well within the writer's queue of 10,000. */
    private static final int FLUSH_SAMPLES = 5000;

    private StoreGrowthBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int piles = Integer.parseInt(args[1]);
        int minutes = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        Path file = dir.resolve("growth.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);
        Random random = new Random(55);
        long made = System.nanoTime();
        try (Store store = new Store(StoreSettings.of(file, 3650), clock, SynchronousMode.NORMAL)) {
            // Flushed before the writer's queue could fill (it drops what does not fit, as live): every second live.
            int flushEvery = Math.max(1, FLUSH_SAMPLES / (5 + 2 * piles));
            for (int t = 0; t < minutes * 60; t++) {
                Instant now = clock.instant();
                double ev = 0;
                for (int i = 0; i < piles; i++) {
                    double kw = 7.4 * random.nextDouble();
                    ev += kw;
                    store.sample(new Sample("pile-P" + i, "power.kw", now, kw));
                    store.sample(new Sample("pile-P" + i, "setpoint.a", now, 6 + 0.1 * random.nextInt(261)));
                }
                double base = 150 + 300 * random.nextDouble();
                store.sample(new Sample("transformer", "power.total.kw", now, base + ev));
                store.sample(new Sample("compound", "base.kw", now, base));
                store.sample(new Sample("compound", "base.bound.kw", now, 0.0));
                store.sample(new Sample("compound", "ev.kw", now, ev));
                store.sample(new Sample("compound", "ev.unmeasured.kw", now, 0.0));
                if (t % 900 == 0) {
                    store.plan(plan(now, random));
                }
                if (t % flushEvery == flushEvery - 1 && !store.flush(WAIT)) {
                    throw new IllegalStateException("the store's writer did not commit second " + t + " within " + WAIT);
                }
                clock.advanceSeconds(1);
            }
            if (!store.flush(WAIT)) {
                throw new IllegalStateException("the store's writer did not commit the last minute within " + WAIT);
            }
            if (store.dropped() > 0 || store.failed() > 0) {
                throw new IllegalStateException("the store's writer dropped " + store.dropped() + " and failed "
                        + store.failed() + " writes: the figures would be of a store with less in it");
            }
        }
        System.out.printf(Locale.ROOT, "# %d piles, %d simulated minutes written in %.0f s%n", piles, minutes,
                (System.nanoTime() - made) / 1e9);
        report(file, minutes);
    }

    private static PlanRecord plan(Instant now, Random random) {
        List<PlanSlot> slots = new ArrayList<>(PLAN_SLOTS);
        for (int j = 0; j < PLAN_SLOTS; j++) {
            slots.add(new PlanSlot(now.plusSeconds(900L * j), now.plusSeconds(900L * (j + 1)),
                    150 + 300 * random.nextDouble(), 100 * random.nextDouble()));
        }
        return new PlanRecord(0, now, slots);
    }

    private static void report(Path file, int minutes) throws Exception {
        try (Connection c = new Database(file).open(SynchronousMode.NORMAL); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            long readingRows = count(s, "SELECT count(*) FROM readings");
            long plans = count(s, "SELECT count(*) FROM plans");
            long slotRows = count(s, "SELECT count(*) FROM plan_slots");
            long readingBytes = count(s, "SELECT sum(pgsize) FROM dbstat WHERE name IN ('readings', 'readings_minute')");
            long planBytes = count(s, "SELECT sum(pgsize) FROM dbstat WHERE name IN ('plans', 'plans_created', 'plan_slots')"
                    + " OR name LIKE 'sqlite_autoindex_plan%'");
            double days = minutes / 1440.0;
            System.out.printf(Locale.ROOT, "readings: %,d rows in %,d bytes of pages (table and index): %.1f bytes a row,"
                    + " %.2f MB a day%n", readingRows, readingBytes, (double) readingBytes / readingRows, readingBytes / 1e6 / days);
            System.out.printf(Locale.ROOT, "plans: %,d plans, %,d slot rows in %,d bytes of pages: %.0f bytes a plan,"
                    + " %.1f bytes a slot row%n", plans, slotRows, planBytes, (double) planBytes / plans,
                    (double) planBytes / slotRows);
            System.out.printf(Locale.ROOT, "file: %,d bytes (%.2f MB a day)%n", Files.size(file), Files.size(file) / 1e6 / days);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
