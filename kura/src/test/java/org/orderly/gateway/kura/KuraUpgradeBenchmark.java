package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgi.framework.Bundle;

/**
 * What upgrades of the bundle leave in the JVM (docs/benchmarks.md, "The Kura bundle's upgrades"; docs/operations.md,
 * "Eclipse Kura (.dp)"): metaspace in use and classes loaded, after collecting, once the first revision's gateway
 * runs and again after three upgrades ({@code Bundle.update} from the test's own thread, which lives on as Deployment
 * Admin's does; the framework refreshed), the newest revision's gateway running. RUNS rounds
 * ({@code -Dbench.runs}, default 3), each in a framework of its own. Not a test: it asserts only that the gateway runs,
 * and is skipped unless {@code -Dorderly.bench=true}. Needs the built .dp in {@code kura/target}:
 *
 * <pre>
 * mvn -B -o -q -pl kura -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=KuraUpgradeBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dorderly.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "orderly.bench", matches = "true")
class KuraUpgradeBenchmark extends KuraBundleFixture {
    private static final int UPGRADES = 3;

    @Test
    void metaspaceAndClassesThreeUpgradesLeave() throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        List<Double> mb = new ArrayList<>();
        List<Long> classes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path config = writeConfig("orderly-" + run + ".yaml", "orderly-" + run + ".db");
            try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix-" + run))) {
                Bundle bundle = installedRunningFrom(felix, config);
                Footprint before = Footprint.afterCollecting();
                List<WeakReference<ClassLoader>> old = upgraded(felix, bundle, UPGRADES);
                felix.refresh();
                Footprint after = Footprint.afterCollecting();
                int reachableThen = reachable(old);
                mb.add((after.metaspaceBytes() - before.metaspaceBytes()) / 1e6);
                classes.add(after.loadedClasses() - before.loadedClasses());
                // An old revision still reachable here may yet be let go (a soft reference is cleared at the collector's
                // pace): the revisions reachable, and the footprint, once all are gone or PATIENCE is over.
                long end = System.nanoTime() + PATIENCE.toNanos();
                // Which threads ended as each old revision was let go: what held it.
                long t0 = System.nanoTime();
                Set<String> threadsThen = threadNames();
                int lastReachable = reachableThen;
                while (reachable(old) > 0 && System.nanoTime() < end) {
                    System.gc();
                    Thread.sleep(200);
                    int r = reachable(old);
                    if (r != lastReachable) {
                        Set<String> gone = new TreeSet<>(threadsThen);
                        gone.removeAll(threadNames());
                        System.out.printf(Locale.ROOT, "run %d, %d ms on: old revisions reachable %d, threads ended"
                                + " since the refresh %s%n", run, (System.nanoTime() - t0) / 1_000_000, r, gone);
                        lastReachable = r;
                    }
                }
                Footprint later = Footprint.afterCollecting();
                System.out.printf(Locale.ROOT, "run %d: metaspace %.2f MB -> %.2f MB (%+.2f MB), classes loaded %d -> %d"
                        + " (%+d) after %d upgrades, old revisions reachable %d of %d; collecting up to %d s more: %d"
                        + " reachable, metaspace %+.2f MB, classes %+d%n", run, before.metaspaceBytes() / 1e6,
                        after.metaspaceBytes() / 1e6, mb.get(run - 1), before.loadedClasses(), after.loadedClasses(),
                        classes.get(run - 1), UPGRADES, reachableThen, UPGRADES, PATIENCE.toSeconds(), reachable(old),
                        (later.metaspaceBytes() - before.metaspaceBytes()) / 1e6,
                        later.loadedClasses() - before.loadedClasses());
            }
        }
        System.out.printf(Locale.ROOT, "median of %d: %+.2f MB of metaspace, %+d classes loaded after %d upgrades%n", runs,
                mb.stream().sorted().toList().get(runs / 2), classes.stream().sorted().toList().get(runs / 2), UPGRADES);
    }

    /** The live threads, as name#id. */
    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName() + "#" + t.getId()));
        return names;
    }

    private static int reachable(List<WeakReference<ClassLoader>> old) {
        return (int) old.stream().filter(r -> r.get() != null).count();
    }

    /** Metaspace in use and classes loaded, read after collecting until both hold still. */
    private record Footprint(long metaspaceBytes, long loadedClasses) {
        static Footprint afterCollecting() throws InterruptedException {
            Footprint last = now();
            for (int i = 0; i < 20; i++) {
                System.gc();
                Thread.sleep(500);
                Footprint next = now();
                if (next.equals(last) && i >= 4) {
                    return next;
                }
                last = next;
            }
            return last;
        }

        static Footprint now() {
            long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed()).sum();
            return new Footprint(metaspace, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        }
    }
}
