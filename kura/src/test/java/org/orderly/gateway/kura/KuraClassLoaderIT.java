package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * An uninstalled or replaced bundle's class loader, with its embedded jars and its copy of SQLite's native library, is
 * let go: nothing outside the bundle keeps it once the framework is refreshed (as Deployment Admin does).
 */
class KuraClassLoaderIT extends KuraBundleFixture {
    /**
     * Uninstalled and the framework refreshed (as Deployment Admin does after an uninstall or an upgrade), the bundle's
     * class loader, with its embedded jars and its copy of SQLite's native library, is let go: nothing outside the
     * bundle keeps it, DriverManager's list of drivers (JVM-wide) in particular. Until 2026-12-05 the driver the
     * component registered stayed there, and so did each old revision's class loader until the JVM exited.
     */
    @Test
    void uninstalledTheBundlesClassLoaderIsLetGo() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            WeakReference<ClassLoader> loader = runThenUninstall(felix, config);
            felix.refresh();
            displaceJdkRecordMethodCache();
            assertThat(collected(loader)).as("the uninstalled bundle's class loader is still reachable").isTrue();
        }
    }

    /**
     * A component that never started a gateway (every configuration refused, or its start abandoned at the bundle's
     * stop) lets go of the bundle too. Ending, it lists DriverManager's drivers to deregister its own, and that listing
     * loads the bundle's {@code org.sqlite.JDBC} when another sqlite-jdbc's driver is registered (the class path's
     * here, Kura's there), whose loading registers one: until 2026-12-05 that one stayed, and the bundle with it.
     */
    @Test
    void uninstalledWithoutEverRunningTheBundlesClassLoaderIsLetGo() throws Exception {
        DriverManager.getDrivers(); // the class path's sqlite-jdbc registered, as Kura's would be
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            WeakReference<ClassLoader> loader = refusedThenUninstalled(felix, dir.resolve("nowhere.yaml"));
            felix.refresh();
            // Not displaceJdkRecordMethodCache(): it works once per JVM, and uninstalledTheBundlesClassLoaderIsLetGo
            // needs it; a bundle that never ran a gateway called no record's methods.
            assertThat(collected(loader)).as("the uninstalled bundle's class loader is still reachable").isTrue();
        }
    }

    /**
     * Upgraded three times (Deployment Admin's {@code Bundle.update}, the framework refreshed), each old revision's
     * class loader is let go while the newest revision's gateway runs: nothing JVM-wide keeps one per upgrade (SQLite's
     * driver, its native library, Java 17's cache of the last record class first used, which the running revision's
     * own records take: {@link #displaceJdkRecordMethodCache} is not called here), nor the thread that upgrades, which
     * lives on as Deployment Admin's does (the test's own). {@code Bundle.update} stops the old revision's gateway and
     * starts the new one's from that thread; until 2026-12-05 they ran on it, and Jackson's buffer recycler, which
     * it keeps per thread, kept each revision started there reachable from it (revisions 2 and 3 of three upgrades
     * stayed).
     */
    @Test
    void upgradedThreeTimesEveryOldRevisionsClassLoaderIsLetGo() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            List<WeakReference<ClassLoader>> old = upgradedThreeTimes(felix, config);
            felix.refresh();
            for (int revision = 1; revision <= old.size(); revision++) {
                assertThat(collected(old.get(revision - 1)))
                        .as("revision %d's class loader, replaced by upgrade %d, is still reachable", revision,
                                revision)
                        .isTrue();
            }
            assertThat(running(felix) && cycles(felix) > 3).as("the newest revision's gateway runs").isTrue();
        }
    }

    /** In a method of its own so that no local variable of the test keeps an old revision's classes. */
    private List<WeakReference<ClassLoader>> upgradedThreeTimes(FelixRuntime felix, Path config) throws Exception {
        return upgraded(felix, installedRunningFrom(felix, config), 3);
    }

    private WeakReference<ClassLoader> refusedThenUninstalled(FelixRuntime felix, Path nowhere) throws Exception {
        Bundle bundle = installed(felix);
        WeakReference<ClassLoader> loader = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
        Object configuration = configuration(felix);
        FelixRuntime.call(configuration, "update", settings(Map.of("configFile", nowhere.toString())));
        assertThat(FelixRuntime.await(PATIENCE, () -> problem(felix).contains("no such file")))
                .as("problem: %s", problem(felix)).isTrue();
        bundle.uninstall();
        return loader;
    }

    /** In a method of its own so that no local variable of the test keeps the bundle's classes. */
    private WeakReference<ClassLoader> runThenUninstall(FelixRuntime felix, Path config) throws Exception {
        Bundle bundle = installedRunningFrom(felix, config);
        WeakReference<ClassLoader> loader = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
        bundle.uninstall();
        assertThat(FelixRuntime.await(PATIENCE, () -> gatewayThreads().isEmpty()))
                .as("gateway threads left: %s", gatewayThreads()).isTrue();
        return loader;
    }

    /**
     * JDK 17 keeps, in each method handle that a record's equals, hashCode and toString are made of
     * ({@code java.lang.runtime.ObjectMethods}), the last type it was adapted to ({@code MethodHandle.asTypeCache}, a
     * strong reference): the last record class whose methods were first called, here one of the bundle's. That one
     * entry goes when another record's methods are first called, as any other bundle's or Kura's would in time; a
     * record of this test's own takes it here, so that what the bundle itself leaves behind is what is seen.
     */
    private static void displaceJdkRecordMethodCache() {
        record Displacer(String text, int i, long l, double d, boolean b, Object o) {
        }
        Displacer a = new Displacer("a", 1, 2L, 3.0, true, null);
        Displacer b = new Displacer("b", 1, 2L, 3.0, true, null);
        assertThat(a.equals(b)).isFalse();
        assertThat(a.hashCode()).isNotEqualTo(b.hashCode());
        assertThat(a.toString()).isNotEqualTo(b.toString());
    }

    /** Collects garbage until {@code ref} is cleared or {@link #PATIENCE} has passed. */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (ref.get() != null && System.nanoTime() < end) {
            System.gc();
            Thread.sleep(200);
        }
        return ref.get() == null;
    }

    /**
     * The Modbus exchange deadline's thread of an upgrade's old revision ({@code modbus-exchange-deadline}, one per copy
     * of its class) has ended once the upgrade returns: it holds that revision's classes. Until 2026-12-07 it ended
     * only 10 s after the old gateway's last read, and the old revision stayed reachable that long after a refresh
     * (docs/benchmarks.md, "The Kura bundle's upgrades").
     */
    @Test
    void anUpgradesOldRevisionLeavesNoModbusDeadlineThread() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = installedRunningFrom(felix, config);
            Set<Thread> oldDeadline = deadlineThreads();
            assertThat(oldDeadline).as("the running gateway's Modbus deadline thread").isNotEmpty();
            bundle.update(new ByteArrayInputStream(bundleJar()));
            assertThat(oldDeadline.stream().filter(Thread::isAlive).map(Thread::getName).toList())
                    .as("the old revision's Modbus deadline threads alive once the upgrade returned").isEmpty();
            assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3))
                    .as("the new revision's gateway runs").isTrue();
        }
    }

    private static Set<Thread> deadlineThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("modbus-exchange-deadline") && t.isAlive()).toList());
    }
}
