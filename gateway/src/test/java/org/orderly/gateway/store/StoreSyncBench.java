package org.orderly.gateway.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.orderly.gateway.core.time.VirtualClock;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * What {@code synchronous=FULL} costs against NORMAL on this machine (docs/benchmarks.md, "Store commits"; run by
 * {@code tools/bench/store-sync.sh}). Not a test: a main, in the store's package for {@link Store#open(StoreSettings,
 * java.time.Clock, SynchronousMode)}.
 *
 * <ul>
 *   <li>{@code commits}: single-row commits back to back on one connection (a 300-byte event, the size of an outbox
 *   message), as the outbox commits a message handed over alone.</li>
 *   <li>{@code load}: the store's writer under a gateway's load, as fast as it goes: PILES piles, a control cycle per
 *   simulated second (the recorder's 3 + 2 x PILES readings, each open session's row every minute, a session ending
 *   and the next starting every 8 h / PILES, a plan every 15 minutes), each cycle flushed before the next, as the
 *   writer takes a cycle's writes in one or a few transactions live.</li>
 * </ul>
 *
 * <pre>
 *   StoreSyncBench DIR RUNS PILES MINUTES COMMITS   runs of both modes alternating, then their medians
 *   StoreSyncBench DIR commits MODE COMMITS         one mode only (for strace to count the syncs)
 *   StoreSyncBench DIR load MODE PILES MINUTES      one mode only (likewise)
 * </pre>
 */
public final class StoreSyncBench {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final long SESSION_SECONDS = 8 * 3600;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private StoreSyncBench() {
    }

    /** One run of the load: simulated seconds per wall second, writes per second, and cycle times in ms. */
    record Load(double cyclesPerSecond, double writesPerSecond, double p50Ms, double p99Ms, long dropped) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        if (args[1].equals("commits")) {
            System.out.printf(Locale.ROOT, "%s: %.0f commits/s%n", args[2],
                    commits(dir, SynchronousMode.valueOf(args[2]), Integer.parseInt(args[3])));
            return;
        }
        if (args[1].equals("load")) {
            Load l = load(dir, SynchronousMode.valueOf(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            System.out.printf(Locale.ROOT, "%s: %s%n", args[2], l);
            return;
        }
        int runs = Integer.parseInt(args[1]);
        int piles = Integer.parseInt(args[2]);
        int minutes = Integer.parseInt(args[3]);
        int commits = Integer.parseInt(args[4]);
        SynchronousMode[] modes = {SynchronousMode.NORMAL, SynchronousMode.FULL};
        double[][] commitRates = new double[2][runs];
        Load[][] loads = new Load[2][runs];
        System.out.printf(Locale.ROOT, "%-6s %-6s %10s %12s %10s %12s %12s %8s%n", "run", "sync", "commits/s",
                "x real time", "writes/s", "cycle p50", "cycle p99", "dropped");
        for (int run = 0; run < runs; run++) {
            for (int m = 0; m < 2; m++) {
                // Alternate which mode goes first, so neither always runs on a warmer JVM or a quieter minute.
                int k = run % 2 == 0 ? m : 1 - m;
                commitRates[k][run] = commits(dir, modes[k], commits);
                loads[k][run] = load(dir, modes[k], piles, minutes);
                print(String.valueOf(run + 1), modes[k], commitRates[k][run], loads[k][run]);
            }
        }
        for (int k = 0; k < 2; k++) {
            Load[] l = loads[k];
            print("median", modes[k], median(commitRates[k]),
                    new Load(median(l, Load::cyclesPerSecond), median(l, Load::writesPerSecond),
                            median(l, Load::p50Ms), median(l, Load::p99Ms),
                            Math.round(median(l, x -> (double) x.dropped()))));
        }
    }

    private static void print(String run, SynchronousMode mode, double commitsPerSecond, Load l) {
        System.out.printf(Locale.ROOT, "%-6s %-6s %10.0f %12.0f %10.0f %9.2f ms %9.2f ms %8d%n", run, mode,
                commitsPerSecond, l.cyclesPerSecond(), l.writesPerSecond(), l.p50Ms(), l.p99Ms(), l.dropped());
    }

    static double commits(Path dir, SynchronousMode mode, int n) throws Exception {
        Path file = fresh(dir, "commits-" + mode + ".db");
        String message = "x".repeat(300);
        try (Connection c = new Database(file).open(mode)) {
            Migrations.apply(c, new VirtualClock(T0, ZoneOffset.UTC));
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                EventsTable.insert(c, new StoreEvent(T0.plusSeconds(i), "bench", "store", message));
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            delete(file);
        }
    }

    static Load load(Path dir, SynchronousMode mode, int piles, int minutes) throws Exception {
        Path file = fresh(dir, "load-" + mode + ".db");
        VirtualClock clock = new VirtualClock(T0, ZoneOffset.UTC);
        int cycles = minutes * 60;
        double[] cycleMs = new double[cycles];
        long writes = 0;
        long start;
        long dropped;
        try (Store store = new Store(StoreSettings.of(file, 90), clock, mode)) {
            String[] session = new String[piles];
            Instant[] arrival = new Instant[piles];
            start = System.nanoTime();
            for (int t = 0; t < cycles; t++) {
                long cycleStart = System.nanoTime();
                Instant now = clock.instant();
                for (int i = 0; i < piles; i++) {
                    boolean ends = (t + i * SESSION_SECONDS / piles) % SESSION_SECONDS == 0 && session[i] != null;
                    if (ends) {
                        store.session(row(session[i], i, arrival[i], now, t));
                        writes++;
                        session[i] = null;
                    }
                    if (session[i] == null) {
                        arrival[i] = now;
                        session[i] = "P" + i + "@" + now.getEpochSecond() + "-" + store.nextSessionNumber();
                    }
                    if ((t + i) % 60 == 0 || arrival[i].equals(now)) {
                        store.session(row(session[i], i, arrival[i], null, t));
                        writes++;
                    }
                    store.sample(new Sample("pile-P" + i, "power.kw", now, 7.0 + i % 5));
                    store.sample(new Sample("pile-P" + i, "setpoint.a", now, 16));
                    writes += 2;
                }
                store.sample(new Sample("transformer", "power.total.kw", now, 250 + t % 30));
                store.sample(new Sample("compound", "base.kw", now, 180));
                store.sample(new Sample("compound", "ev.kw", now, 70));
                writes += 3;
                if (t % 900 == 0) {
                    store.plan(plan(now));
                    writes++;
                }
                if (!store.flush(WAIT)) {
                    throw new IllegalStateException("the store's writer did not commit cycle " + t + " within " + WAIT);
                }
                cycleMs[t] = (System.nanoTime() - cycleStart) / 1e6;
                clock.advanceSeconds(1);
            }
            dropped = store.dropped();
        } finally {
            delete(file);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(cycleMs);
        return new Load(cycles / seconds, writes / seconds, cycleMs[cycles / 2],
                cycleMs[Math.min(cycles - 1, (int) Math.ceil(cycles * 0.99) - 1)], dropped);
    }

    private static SessionRecord row(String id, int pile, Instant arrival, Instant departure, int t) {
        return new SessionRecord(id, "P" + pile, arrival, departure, null, Double.NaN, t / 600.0, false, true,
                arrival.plusSeconds(t % 60), t / 600.0);
    }

    private static PlanRecord plan(Instant now) {
        List<PlanSlot> slots = new ArrayList<>();
        for (int j = 0; j < 96; j++) {
            slots.add(new PlanSlot(now.plusSeconds(900L * j), now.plusSeconds(900L * (j + 1)), 180, 70));
        }
        return new PlanRecord(0, now, slots);
    }

    private static Path fresh(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        delete(file);
        return file;
    }

    private static void delete(Path file) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double median(Load[] loads, java.util.function.ToDoubleFunction<Load> f) {
        return median(Arrays.stream(loads).mapToDouble(f).toArray());
    }
}
