package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.NamedPipe;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The bundle installed, stopped, upgraded and uninstalled (Kura's Packages page, Deployment Admin) with a gateway
 * running or starting: no gateway runs on from a stopped or replaced bundle, the store is let go, and an upgrade
 * leaves nothing of the old revision's behind.
 */
class KuraLifecycleIT extends KuraBundleFixture {
    /**
     * Uninstalled (Kura's Packages, Uninstall): the gateway stops, its threads end, its data area goes, the store's
     * lock is let go; the configuration file and the store, the operator's, stay, and a reinstalled bundle runs on
     * them from the configuration ConfigAdmin kept.
     */
    @Test
    void uninstalledTheBundleLeavesNoGatewayRunningAndTheStoreFree() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = installedRunningFrom(felix, config);
            Path dataArea = bundle.getBundleContext().getDataFile("").toPath();
            assertThat(gatewayThreads()).isNotEmpty();
            assertThat(dataArea.resolve("last-good.properties")).exists();

            bundle.uninstall();

            assertThat(referencesOrNull(felix, STATUS)).isNull();
            assertThat(FelixRuntime.await(PATIENCE, () -> gatewayThreads().isEmpty()))
                    .as("gateway threads left: %s", gatewayThreads()).isTrue();
            assertThat(dataArea).doesNotExist();
            assertThat(config).exists();
            assertThat(dir.resolve("orderly.db")).exists();

            // ConfigAdmin keeps the configuration of a bundle uninstalled: installed again, it runs from it at once.
            installed(felix);
            assertThat(FelixRuntime.await(PATIENCE, () -> Boolean.TRUE.equals(status(felix, "running"))
                    && status(felix, "cycles") instanceof Long c && c > 3 && "NORMAL".equals(status(felix, "mode"))))
                    .as("reinstalled, running on the same store; problem: %s", status(felix, "problem")).isTrue();
        }
    }

    /**
     * DS waits a while (Felix SCR: 5 s) for a component's activation before it deactivates it for a stopping bundle,
     * then gives up and lets the bundle stop without calling deactivate. A gateway whose start outlasted that wait (a
     * slow device, a large store) must not run on from a stopped bundle, driving the piles and holding the store, with
     * nothing left to stop it. Its configuration file is a named pipe here, so the activation is held while the bundle
     * stops, and goes on once the pipe is fed.
     */
    @Test
    void aBundleStoppedWhileTheGatewayStartsLeavesNoGatewayRunning() throws Exception {
        Path good = writeConfig("orderly.yaml", "orderly.db");
        NamedPipe pipe = NamedPipe.make(dir.resolve("held.yaml"));
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            Bundle bundle = installed(felix);
            Object configuration = configuration(felix);
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", pipe.path().toString())));
            // Returns once the component opens the file to read it: its activation is under way.
            try (OutputStream held = pipe.openWhenRead(PATIENCE)) {
                bundle.stop();
                assertThat(bundle.getState()).isEqualTo(Bundle.RESOLVED);
                held.write(Files.readAllBytes(good));
            }
            assertThat(FelixRuntime.await(PATIENCE, () -> gatewayThreads().isEmpty() && log.since(0).stream()
                    .anyMatch(l -> l.contains("stopped while the gateway was starting"))))
                    .as("no gateway runs from the stopped bundle: its threads %s; log: %s", gatewayThreads(),
                            log.since(0).stream().filter(l -> l.contains("gateway")).toList())
                    .isTrue();
        }
    }

    /**
     * An upgrade (Deployment Admin's {@code Bundle.update}: the bundle stopped, its new revision started in a class
     * loader of its own) while the gateway is starting: the old revision's start holds the store's lock, and the new
     * revision's gateway must get the store. The old start is held after it took the lock, reading a pile's key file
     * that is a named pipe; the file is fed only once the new revision's gateway has been looked for.
     */
    @Test
    void anUpgradeWhileTheGatewayStartsRunsTheNewRevisionsGateway() throws Exception {
        String key = "p2-secret-key";
        Path plainKey = dir.resolve("p2.key");
        Files.writeString(plainKey, key);
        NamedPipe heldKey = NamedPipe.make(dir.resolve("p2-held.key"));
        Path config = writeConfig("orderly.yaml", "orderly.db");
        String p2 = "    - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, pskIdentity: p2,"
                + " pskKeyFile: %s } } }\n";
        String text = Files.readString(config);
        String p1 = text.lines().filter(l -> l.contains("id: p1")).findFirst().orElseThrow() + "\n";
        int nobody = LoopbackPorts.free();
        Files.writeString(config, text.replace(p1, p1 + p2.formatted(nobody, heldKey.path())));
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            Bundle bundle = installed(felix);
            Object configuration = configuration(felix);
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", config.toString())));
            // The configuration's check reads the key once; the start reads it again, after it has locked the store.
            try (OutputStream check = heldKey.openWhenRead(PATIENCE)) {
                check.write(key.getBytes(StandardCharsets.UTF_8));
            }
            // Once the check is done (its read of the key closed), the next to open the pipe is the start.
            assertThat(FelixRuntime.await(PATIENCE, () -> log.since(0).stream()
                    .anyMatch(l -> l.contains("configuration " + config + " loaded")))).isTrue();
            // The old revision's, kept to ask it which drivers DriverManager still holds for it once its start ended.
            ClassLoader oldRevision = bundle.adapt(BundleWiring.class).getClassLoader();
            // What the old revision's start has started (p1's driver among them) and the start's own thread.
            Set<Thread> oldStart = new HashSet<>();
            try (OutputStream held = heldKey.openWhenRead(PATIENCE)) {
                oldStart.addAll(Thread.getAllStackTraces().keySet());
                oldStart.removeAll(before);
                assertThat(oldStart.stream().map(Thread::getName)).contains("pile-coap-p1");
                Files.writeString(config, text.replace(p1, p1 + p2.formatted(nobody, plainKey)));
                bundle.update(new ByteArrayInputStream(bundleJar()));
                assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3))
                        .as("the new revision's gateway runs; problem: %s", problem(felix)).isTrue();
                held.write(key.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(FelixRuntime.await(PATIENCE, () -> log.since(0).stream()
                    .anyMatch(l -> l.contains("stopped while the gateway was starting"))))
                    .as("the old revision's start ends").isTrue();
            assertThat(gatewayThreads().stream().filter(t -> t.equals("orderly-control")))
                    .as("one gateway runs: the new revision's").hasSize(1);
            // Until 2026-12-06 p1's driver, started before the stop, ran on (its thread, its endpoint's): p2's driver,
            // started after it, failed with an Error (the old revision could load no more classes), and the drivers
            // were kept to be closed only once all had started.
            assertThat(FelixRuntime.await(PATIENCE, () -> alive(oldStart).isEmpty()))
                    .as("threads of the old revision's start left: %s", alive(oldStart)).isTrue();
            assertThat(running(felix) && problem(felix).isEmpty()).as("problem: %s", problem(felix)).isTrue();
            // DS did not deactivate the old revision's component (it gave up waiting for the start): until 2026-12-05
            // its SQLite driver stayed in DriverManager, and with it the old revision's class loader.
            assertThat(ownDrivers(oldRevision)).as("the old revision's SQLite drivers DriverManager still holds")
                    .isEmpty();
        }
    }

    /**
     * sqlite-jdbc extracts SQLite's native library for each class loader that loads it, under a new name, and deletes
     * the copy only when the JVM exits; each upgrade's revision is a class loader of its own. Until 2026-12-05 each
     * upgrade left about 1.1 MB in java.io.tmpdir until Kura restarted. sqlite-jdbc's directory is the test's own here
     * ({@code org.sqlite.tmpdir}), so that other JVMs' copies in /tmp do not count.
     */
    @Test
    void upgradesLeaveNoCopiesOfSqlitesNativeLibraryBehind() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        Path tmp = Files.createDirectories(dir.resolve("sqlite-tmp"));
        String before = System.getProperty("org.sqlite.tmpdir");
        System.setProperty("org.sqlite.tmpdir", tmp.toString());
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = installedRunningFrom(felix, config);
            for (int upgrade = 1; upgrade <= 3; upgrade++) {
                ClassLoader old = bundle.adapt(BundleWiring.class).getClassLoader();
                bundle.update(new ByteArrayInputStream(bundleJar()));
                assertThat(bundle.adapt(BundleWiring.class).getClassLoader()).as("a class loader of its own")
                        .isNotSameAs(old);
                assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3))
                        .as("upgrade %d runs; problem: %s", upgrade, problem(felix)).isTrue();
            }
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList())
                        .as("copies of SQLite's native library left in org.sqlite.tmpdir after 3 upgrades").isEmpty();
            }
        } finally {
            if (before == null) {
                System.clearProperty("org.sqlite.tmpdir");
            } else {
                System.setProperty("org.sqlite.tmpdir", before);
            }
        }
    }

    /**
     * The drivers DriverManager holds that {@code revision} registered: asked through its own {@code SqliteDriver},
     * as DriverManager shows a caller only the drivers its class loader sees.
     */
    private static List<?> ownDrivers(ClassLoader revision) throws Exception {
        java.lang.reflect.Method own = Class.forName("org.orderly.gateway.kura.SqliteDriver", false, revision)
                .getDeclaredMethod("own");
        own.setAccessible(true);
        return (List<?>) own.invoke(null);
    }

    /**
     * Upgraded (the old revision's gateway stopped and the new one's started on the upgrading thread's call) and then
     * stopped, the bundle leaves no thread it started running: not the gateway's (its control loop, planner, store,
     * meter bus, pile driver and their Californium threads), nor those the component starts and stops a gateway on
     * ({@link OwnThread}). Every thread not there before the bundle was installed is one it started, save the JDK's
     * {@code process reaper} (its pool of threads that wait for child processes, JVM-wide, idle ones ending by
     * themselves).
     */
    @Test
    void upgradedAndStoppedTheBundleLeavesNoThreadItStarted() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            Bundle bundle = installedRunningFrom(felix, config);
            bundle.update(new ByteArrayInputStream(bundleJar()));
            assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3))
                    .as("the upgrade runs; problem: %s", problem(felix)).isTrue();
            assertThat(threadsSince(before)).contains("orderly-control");

            bundle.stop();

            assertThat(FelixRuntime.await(PATIENCE, () -> threadsSince(before).isEmpty()))
                    .as("threads the stopped bundle left: %s", threadsSince(before)).isTrue();
        }
    }

    /**
     * Kura deactivates and reactivates a component, or modifies it, at every change of its configuration: each time the
     * gateway it ran stops, and none of its threads (control loop, meter bus, pile driver, store, their CoAP endpoint's)
     * may run on beside the next one's, holding a socket or the pile's lease with the old configuration. Nor any
     * after the configuration is deleted.
     */
    @Test
    void aChangedOrDeletedConfigurationLeavesNoThreadOfTheGatewayItStopped() throws Exception {
        Path first = writeConfig("orderly.yaml", "orderly.db");
        Path second = writeConfig("other.yaml", "other.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            installedRunningFrom(felix, first);
            Set<Thread> firstGateway = new HashSet<>(Thread.getAllStackTraces().keySet());
            firstGateway.removeAll(before);
            assertThat(firstGateway.stream().map(Thread::getName)).contains("orderly-control", "pile-coap-p1");

            runOn(felix, configuration(felix), second);

            assertThat(FelixRuntime.await(PATIENCE, () -> alive(firstGateway).isEmpty()))
                    .as("threads of the gateway the change stopped left: %s", alive(firstGateway)).isTrue();

            FelixRuntime.call(configuration(felix), "delete");

            assertThat(FelixRuntime.await(PATIENCE, () -> threadsSince(before).isEmpty()))
                    .as("threads left once the configuration was deleted: %s", threadsSince(before)).isTrue();
        }
    }

    /** The names of those of {@code threads} still alive, the JDK's process reaper aside. */
    private static List<String> alive(Set<Thread> threads) {
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).filter(n -> !n.equals("process reaper"))
                .sorted().toList();
    }

    /** The names of the threads alive now that were not in {@code before}, the JDK's process reaper aside. */
    private static List<String> threadsSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).filter(n -> !n.equals("process reaper")).sorted().toList();
    }
}
