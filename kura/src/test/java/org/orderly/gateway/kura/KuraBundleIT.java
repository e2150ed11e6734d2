package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.NamedPipe;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The built deployment package in a real OSGi framework (Apache Felix with Felix SCR, ConfigAdmin and MetaType):
 * configured through ConfigAdmin, the component starts the gateway, whose control loop reads a real Modbus TCP
 * meter and leases current to a real firmware-bridge; a changed configuration restarts it, a disabled or deleted one
 * stops it.
 */
class KuraBundleIT {
    private static final String PID = OrderlyGatewayComponent.PID;
    private static final String STATUS = "org.orderly.gateway.kura.status.GatewayStatus";
    private static final String LOCATION = "orderly.dp/org.orderly.gateway.kura.jar";
    private static final String CM = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String KURA_CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private MeterSlave meter;
    private PileBridge bridge;
    private DeploymentPackage dp;

    @BeforeEach
    void peersAndPackage() throws Exception {
        meter = new MeterSlave(50);
        bridge = new PileBridge("p1");
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            Path file = files.filter(p -> p.getFileName().toString().endsWith(".dp")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .dp in target; run mvn package"));
            dp = DeploymentPackage.read(file);
        }
    }

    @AfterEach
    void stopPeers() {
        bridge.close();
        meter.close();
    }

    @Test
    void theDeploymentPackageNamesTheBundleItCarries() throws Exception {
        assertThat(dp.header("DeploymentPackage-SymbolicName")).isEqualTo("org.orderly.gateway.kura");
        assertThat(dp.header("DeploymentPackage-Version")).matches("\\d+\\.\\d+\\.\\d+(\\..+)?");
        assertThat(dp.bundles()).containsOnlyKeys("org.orderly.gateway.kura.jar");
        Attributes section = dp.section("org.orderly.gateway.kura.jar");
        Manifest bundle = new JarInputStream(new ByteArrayInputStream(bundleJar())).getManifest();
        assertThat(section.getValue("Bundle-SymbolicName"))
                .isEqualTo(bundle.getMainAttributes().getValue("Bundle-SymbolicName"));
        assertThat(section.getValue("Bundle-Version")).isEqualTo(bundle.getMainAttributes().getValue("Bundle-Version"));
        assertThat(bundle.getMainAttributes().getValue("Import-Package"))
                .contains("org.eclipse.kura.configuration;resolution:=optional");

        List<String> entries = entries(bundleJar());
        assertThat(entries).contains("OSGI-INF/metatype/" + PID + ".xml", "OSGI-INF/" + PID + ".xml",
                "devices/eastron-sdm630.yaml");
        assertThat(entries).as("Kura's API is imported, never carried").noneMatch(e -> e.startsWith("org/eclipse/kura"));
    }

    /**
     * The form as Kura draws it from the metatype in the bundle: each setting's label, type, default, whether it may
     * be left empty, and its description; none has options or bounds. What it says must hold for the bundle as built.
     */
    @Test
    void kurasFormShowsEachSettingWithItsDefaultAndATrueDescription() throws Exception {
        org.w3c.dom.Document xml;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundleJar()))) {
            JarEntry e;
            while ((e = in.getNextJarEntry()) != null && !e.getName().equals("OSGI-INF/metatype/" + PID + ".xml")) {
                // on to the metatype
            }
            assertThat(e).as("metatype in the bundle").isNotNull();
            xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(in.readAllBytes()));
        }
        org.w3c.dom.NodeList ads = xml.getElementsByTagName("AD");
        List<String> form = new ArrayList<>();
        for (int i = 0; i < ads.getLength(); i++) {
            org.w3c.dom.Element ad = (org.w3c.dom.Element) ads.item(i);
            assertThat(ad.getElementsByTagName("Option").getLength()).as("options of %s", ad.getAttribute("id")).isZero();
            assertThat(ad.getAttribute("min") + ad.getAttribute("max")).as("bounds of %s", ad.getAttribute("id")).isEmpty();
            form.add(String.join(" | ", ad.getAttribute("id"), ad.getAttribute("name"), ad.getAttribute("type"),
                    ad.getAttribute("default"), "required " + !"false".equals(ad.getAttribute("required")),
                    ad.getAttribute("description")));
        }
        assertThat(form).containsExactly(
                "enabled | Enabled | Boolean | true | required true"
                        + " | Run the gateway. Off stops it (the bundle stays installed).",
                "configFile | Configuration file | String | /opt/orderly/orderly.yaml | required true"
                        + " | Absolute path of the gateway's YAML configuration (see docs/operations.md). Relative"
                        + " paths in it (store, pre-shared keys) are relative to its directory.",
                "devicesDir | Register maps directory | String |  | required false"
                        + " | Absolute path of a directory of register maps, the meters' and the Modbus piles'"
                        + " (docs/register-maps.md). Empty: the maps carried in this bundle.");
    }

    @Test
    void configuredThroughConfigAdminTheGatewayRunsRestartsAndStops() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = felix.install("orderly.dp/org.orderly.gateway.kura.jar", bundleJar());
            bundle.start();
            assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
            assertThat(felix.references(STATUS, null)).as("nothing runs before it is configured").isNull();

            Object metatype = felix.service("org.osgi.service.metatype.MetaTypeService", null);
            Object info = FelixRuntime.call(metatype, "getMetaTypeInformation", bundle);
            Object ocd = FelixRuntime.call(info, "getObjectClassDefinition", PID, null);
            Object[] attributes = (Object[]) FelixRuntime.call(ocd, "getAttributeDefinitions", -1);
            List<Object> ids = Arrays.stream(attributes).map(a -> id(a)).toList();
            assertThat(ids).containsExactlyInAnyOrder("enabled", "configFile", "devicesDir");

            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", config.toString())));

            assertThat(FelixRuntime.await(PATIENCE, () -> status(felix, "cycles") instanceof Long c && c > 3
                    && "NORMAL".equals(status(felix, "mode")) && bridge.leased()))
                    .as("control loop cycling in NORMAL mode with a leased pile; problem: %s", status(felix, "problem"))
                    .isTrue();
            assertThat(dir.resolve("orderly.db")).exists();
            assertThat(felix.references(KURA_CONFIGURABLE, null)).as("no Kura here: no Kura UI component").isNull();

            // A changed configuration restarts the gateway from the new file.
            Path second = writeConfig("second.yaml", "second.db");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", second.toString())));
            assertThat(FelixRuntime.await(PATIENCE, () -> Files.exists(dir.resolve("second.db"))
                    && status(felix, "cycles") instanceof Long c && c > 3)).isTrue();

            FelixRuntime.call(configuration, "update",
                    settings(Map.of("configFile", second.toString(), "enabled", false)));
            assertThat(FelixRuntime.await(PATIENCE, () -> Boolean.FALSE.equals(status(felix, "running")))).isTrue();
            assertThat(status(felix, "cycles")).isEqualTo(0L);

            Path missing = dir.resolve("nowhere.yaml");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", missing.toString())));
            assertThat(FelixRuntime.await(PATIENCE, () -> String.valueOf(status(felix, "problem")).contains(missing.toString())))
                    .as("problem: %s", status(felix, "problem")).isTrue();
            assertThat(status(felix, "running")).isEqualTo(false);

            Path rejected = dir.resolve("rejected.yaml");
            Files.writeString(rejected, Files.readString(config).replace("limitKw: 40", "limitKW: 40"));
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", rejected.toString())));
            assertThat(FelixRuntime.await(PATIENCE, () -> String.valueOf(status(felix, "problem")).contains("rejected.yaml:3:")))
                    .as("problem: %s", status(felix, "problem")).isTrue();
            assertThat(String.valueOf(status(felix, "problem"))).contains("configuration rejected", "limitKw");
            assertThat(status(felix, "running")).isEqualTo(false);

            FelixRuntime.call(configuration, "delete");
            assertThat(FelixRuntime.await(PATIENCE, () -> referencesOrNull(felix, STATUS) == null)).isTrue();
        }
    }

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
            felix.install(LOCATION, bundleJar()).start();
            assertThat(FelixRuntime.await(PATIENCE, () -> Boolean.TRUE.equals(status(felix, "running"))
                    && status(felix, "cycles") instanceof Long c && c > 3 && "NORMAL".equals(status(felix, "mode"))))
                    .as("reinstalled, running on the same store; problem: %s", status(felix, "problem")).isTrue();
        }
    }

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

    private WeakReference<ClassLoader> refusedThenUninstalled(FelixRuntime felix, Path nowhere) throws Exception {
        Bundle bundle = felix.install(LOCATION, bundleJar());
        bundle.start();
        WeakReference<ClassLoader> loader = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
        Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
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
     * With a web section, Javalin checks at the page's start for an SLF4J binding by class name (SLF4J 1's
     * {@code org.slf4j.impl.StaticLoggerBinder}, or SLF4J 2's {@code SLF4JServiceProvider}) and, finding none, prints a
     * "logger missing" banner to standard error; nothing in Javalin 7 turns that off. Kura has SLF4J 1.7.36 and a
     * binding, which the bundle imports optionally, so the check finds it. Until 2026-12-05 it did not: the banner
     * went to Kura's console at every start of the page.
     */
    @Test
    void withAWebPageInKurasSlf4jNoLoggerMissingBannerIsPrinted() throws Exception {
        int webPort = LoopbackPorts.free();
        Path config = writeConfig("orderly.yaml", "orderly.db", "web: { bind: 127.0.0.1, port: %d }\n".formatted(webPort));
        try (LogTap log = LogTap.start(); FelixRuntime felix = FelixRuntime.withSlf4jBundles(dir.resolve("felix"))) {
            installedRunningFrom(felix, config);
            assertThat(LoopbackPorts.accepts(webPort, PATIENCE)).as("the page listens on %d", webPort).isTrue();
            assertThat(log.since(0)).as("standard error").isNotEmpty()
                    .noneMatch(line -> line.contains("It looks like you don't have a logger"));
        }
    }

    @Test
    void inKuraItsConfigurationIsOfferedToKurasUi() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            // What Kura provides: its API package and its ConfigurationService.
            Bundle kuraApi = felix.install("kura-api-stand-in", kuraApiBundle());
            kuraApi.start();
            Class<?> configurationService = kuraApi.loadClass("org.eclipse.kura.configuration.ConfigurationService");
            Object kuraService = Proxy.newProxyInstance(configurationService.getClassLoader(),
                    new Class<?>[] {configurationService}, (proxy, method, args) -> null);
            kuraApi.getBundleContext().registerService(configurationService.getName(), new ServiceFactory<Object>() {
                @Override
                public Object getService(Bundle b, ServiceRegistration<Object> r) {
                    return kuraService;
                }

                @Override
                public void ungetService(Bundle b, ServiceRegistration<Object> r, Object s) {
                }
            }, null);

            Bundle bundle = felix.install("orderly.dp/org.orderly.gateway.kura.jar", bundleJar());
            bundle.start();
            assertThat(bundle.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")).anyMatch(w ->
                    "org.eclipse.kura.configuration".equals(w.getCapability().getAttributes().get("osgi.wiring.package"))
                            && w.getProvider().getBundle().equals(kuraApi));

            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", config.toString())));

            String filter = "(service.pid=" + PID + ")";
            assertThat(FelixRuntime.await(PATIENCE, () -> referencesOrNull(felix, KURA_CONFIGURABLE, filter) != null))
                    .as("a ConfigurableComponent with the gateway's service.pid, as Kura's tracker looks for").isTrue();
            Object configurable = felix.service(KURA_CONFIGURABLE, filter);
            assertThat(kuraApi.loadClass(KURA_CONFIGURABLE).isInstance(configurable)).isTrue();
            assertThat(FelixRuntime.await(PATIENCE, () -> status(felix, "cycles") instanceof Long c && c > 3))
                    .as("problem: %s", status(felix, "problem")).isTrue();
        }
    }

    /**
     * Kura's form and its cloud connection are remote inputs: a change the gateway cannot take is refused with one line
     * naming the setting (or the file's line) and the value, in the log and in the status, and the gateway runs on
     * from the configuration it had; a good change restarts it on the same store, its outbox kept.
     */
    @Test
    void aRejectedChangeLeavesTheGatewayRunningOnItsLastGoodConfiguration() throws Exception {
        int noBroker = LoopbackPorts.free();
        String upstream = "upstream: { broker: \"tcp://127.0.0.1:%d\", plaintext: true, telemetryPeriodMs: 200 }\n"
                .formatted(noBroker);
        Path good = writeConfig("orderly.yaml", "orderly.db", upstream);
        Path db = dir.resolve("orderly.db");
        String text = Files.readString(good);
        Path nowhere = dir.resolve("nowhere.yaml");
        Path noMaps = dir.resolve("no-maps");
        List<Case> cases = List.of(
                new Case("configFile missing", Map.of("enabled", true), "configFile: not set"),
                new Case("configFile an integer", Map.of("configFile", 42), "configFile 42 (Integer)"),
                new Case("configFile relative", Map.of("configFile", "orderly.yaml"),
                        "configFile 'orderly.yaml': not an absolute path"),
                new Case("configFile missing on disk", Map.of("configFile", nowhere.toString()),
                        "configFile " + nowhere + ": no such file"),
                new Case("enabled a word", Map.of("configFile", good.toString(), "enabled", "yes"),
                        "enabled 'yes': must be true or false"),
                new Case("devicesDir missing on disk", Map.of("configFile", good.toString(), "devicesDir", noMaps.toString()),
                        "devicesDir " + noMaps + ": no such directory of register maps"),
                yamlCase(text, "negative.yaml", "limitKw: 40", "limitKw: -40",
                        ":3:27: 'limitKw' in compound.transformer must be within 1..10000 (kW), was -40"),
                yamlCase(text, "zero.yaml", "limitKw: 40", "limitKw: 0",
                        ":3:27: 'limitKw' in compound.transformer must be within 1..10000 (kW), was 0"),
                yamlCase(text, "nan.yaml", "limitKw: 40", "limitKw: .nan",
                        ":3:27: 'limitKw' in compound.transformer must be a number (kW), was '.nan'"),
                yamlCase(text, "word.yaml", "limitKw: 40", "limitKw: forty",
                        ":3:27: 'limitKw' in compound.transformer must be a number (kW), was 'forty'"),
                yamlCase(text, "meter-map.yaml", "map: eastron-sdm630", "map: eastron-sdm999",
                        ":7:43: no register map 'eastron-sdm999' in "),
                yamlCase(text, "pile-map.yaml", "driver: { coap: { host: 127.0.0.1, port: %d, plain: true } }"
                        .formatted(bridge.port()), "driver: { modbus: { bus: room, unit: 2, map: piles/nope } }",
                        ":5:82: no register map 'piles/nope' in "));
        // Loads, but the gateway cannot start on it: its store would be in a directory that is a file.
        Files.writeString(dir.resolve("blocker"), "");
        Path blocked = dir.resolve("blocked.yaml");
        Files.writeString(blocked, text.replace("path: orderly.db", "path: blocker/orderly.db"));
        Path second = dir.resolve("second.yaml");
        Files.writeString(second, text.replace("periodMs: 250", "periodMs: 300"));

        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            felix.install("orderly.dp/org.orderly.gateway.kura.jar", bundleJar()).start();
            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            runOn(felix, configuration, good);
            assertThat(FelixRuntime.await(PATIENCE, () -> !outbox(db).isEmpty())).as("telemetry waits in the outbox").isTrue();

            SoftAssertions soft = new SoftAssertions();
            for (Case c : cases) {
                if (!running(felix)) {
                    runOn(felix, configuration, good); // the gateway stopped at the case before: each case from running
                }
                long before = cycles(felix);
                int mark = log.mark();
                FelixRuntime.call(configuration, "update", settings(c.settings()));
                FelixRuntime.await(PATIENCE, () -> problem(felix).contains(c.expected()) && running(felix)
                        && cycles(felix) > before && log.since(mark).stream().anyMatch(l -> rejects(l, c.expected())));
                soft.assertThat(problem(felix)).as("%s: the status's problem", c.name())
                        .contains("configuration rejected", c.expected(), "the gateway runs on from " + good);
                soft.assertThat(running(felix) && cycles(felix) > before)
                        .as("%s: the gateway started from %s goes on cycling, past its %d cycles", c.name(), good, before)
                        .isTrue();
                soft.assertThat(log.since(mark)).as("%s: the same gateway, never stopped", c.name())
                        .noneMatch(l -> l.contains("gateway gw-kura-test stopped"));
                soft.assertThat(log.since(mark)).as("%s: a log line naming the setting and the value", c.name())
                        .anyMatch(l -> rejects(l, c.expected()));
            }

            // Taken, but the gateway fails to start on it: the last good configuration is started again.
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", blocked.toString())));
            FelixRuntime.await(PATIENCE, () -> problem(felix).contains("the gateway runs again from") && cycles(felix) > 3);
            soft.assertThat(problem(felix)).as("a configuration the gateway cannot start on")
                    .contains("configuration rejected", "configFile " + blocked + ": the gateway did not start",
                            "the gateway runs again from " + good);
            soft.assertThat(running(felix) && cycles(felix) > 3).as("the gateway cycles again from %s", good).isTrue();

            // A good change: the gateway restarts from it, on the same store, nothing of it lost.
            if (!running(felix)) {
                runOn(felix, configuration, good);
            }
            List<Long> queued = outbox(db);
            long events = count(db, "events");
            int mark = log.mark();
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", second.toString())));
            assertThat(FelixRuntime.await(PATIENCE, () -> log.since(mark).stream()
                    .anyMatch(l -> l.contains("gateway gw-kura-test started") && l.contains("period 300 ms"))
                    && cycles(felix) > 3)).as("restarted from %s", second).isTrue();
            soft.assertThat(problem(felix)).as("a good change clears the refusal").isEqualTo("");
            // A held online never acknowledged is set aside at a start, with an event (docs/upstream.md): kept, not sent.
            soft.assertThat(Stream.concat(outbox(db).stream(), setAside(db).stream()))
                    .as("every message waiting before the restart still waits, or is set aside").containsAll(queued);
            soft.assertThat(outbox(db).get(outbox(db).size() - 1)).as("numbers go on after the restart")
                    .isGreaterThan(queued.get(queued.size() - 1));
            soft.assertThat(count(db, "events")).as("the events recorded before the restart").isGreaterThanOrEqualTo(events);
            soft.assertAll();
        }
    }

    /**
     * ConfigAdmin keeps a refused configuration as the form saved it and gives it again at each start of the bundle or
     * the framework: the gateway then starts from the last configuration it ran on, kept in the bundle's data area,
     * and one log line says what was refused and what runs instead. What the operator turned off or deleted is never
     * run again that way.
     */
    @Test
    void afterARestartARefusedConfigurationLeavesTheLastGoodOneRunning() throws Exception {
        Path good = writeConfig("orderly.yaml", "orderly.db");
        Path nowhere = dir.resolve("nowhere.yaml");
        Path storage = dir.resolve("felix");
        String refused = "configFile " + nowhere + ": no such file";
        try (LogTap log = LogTap.start()) {
            try (FelixRuntime felix = new FelixRuntime(storage)) {
                Bundle bundle = felix.install(LOCATION, bundleJar());
                bundle.start();
                Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
                runOn(felix, configuration, good);
                FelixRuntime.call(configuration, "update", settings(Map.of("configFile", nowhere.toString())));
                assertThat(FelixRuntime.await(PATIENCE, () -> problem(felix).contains(refused)))
                        .as("problem: %s", problem(felix)).isTrue();
                assertThat(problem(felix)).endsWith("the gateway runs on from " + good);
                // The component says the problem before it logs it: the line of this refusal is awaited, or it could
                // come after the mark below and be counted as the restart's.
                assertThat(FelixRuntime.await(PATIENCE, () -> log.since(0).stream()
                        .anyMatch(l -> l.contains("configuration rejected") && l.contains("runs on from " + good))))
                        .as("the refusal's line in the log").isTrue();

                // The bundle restarted (an operator in Kura's UI, an update of the package).
                int mark = log.mark();
                bundle.stop();
                bundle.start();
                assertRunsOnLastGood(felix, log, mark, refused, good);
            }
            // The framework restarted (Kura after a reboot), ConfigAdmin giving the refused configuration again.
            int mark = log.mark();
            try (FelixRuntime felix = FelixRuntime.restart(storage)) {
                assertRunsOnLastGood(felix, log, mark, refused, good);
                Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
                Bundle bundle = felix.context.getBundle(LOCATION);

                // Turned off, then refused: nothing runs, neither now nor after a restart.
                FelixRuntime.call(configuration, "update",
                        settings(Map.of("configFile", good.toString(), "enabled", false)));
                assertThat(FelixRuntime.await(PATIENCE, () -> !running(felix) && problem(felix).isEmpty()))
                        .as("disabled, the refusal before it cleared").isTrue();
                FelixRuntime.call(configuration, "update", settings(Map.of("configFile", nowhere.toString())));
                assertNotRunning(felix, refused, "refused after the gateway was turned off");
                bundle.stop();
                bundle.start();
                assertNotRunning(felix, refused, "the same, the bundle restarted");

                // Deleted, then a new configuration refused: nothing runs.
                runOn(felix, configuration, good);
                FelixRuntime.call(configuration, "delete");
                assertThat(FelixRuntime.await(PATIENCE, () -> referencesOrNull(felix, STATUS) == null)).isTrue();
                Object fresh = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
                FelixRuntime.call(fresh, "update", settings(Map.of("configFile", nowhere.toString())));
                assertNotRunning(felix, refused, "refused after the configuration was deleted");
            }
        }
    }

    /**
     * DS waits a while (Felix SCR: 5 s) for a component's activation before it deactivates it for a stopping bundle, then
     * gives up and lets the bundle stop without calling deactivate. A gateway whose start outlasted that wait (a slow
     * device, a large store) must not run on from a stopped bundle, driving the piles and holding the store, with
     * nothing left to stop it. Its configuration file is a named pipe here, so the activation is held while the bundle
     * stops, and goes on once the pipe is fed.
     */
    @Test
    void aBundleStoppedWhileTheGatewayStartsLeavesNoGatewayRunning() throws Exception {
        Path good = writeConfig("orderly.yaml", "orderly.db");
        NamedPipe pipe = NamedPipe.make(dir.resolve("held.yaml"));
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            Bundle bundle = felix.install(LOCATION, bundleJar());
            bundle.start();
            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", pipe.path().toString())));
            // Returns once the component opens the file to read it: its activation is under way.
            try (OutputStream held = CompletableFuture.supplyAsync(() -> {
                try {
                    return new FileOutputStream(pipe.path().toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
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
            Bundle bundle = felix.install(LOCATION, bundleJar());
            bundle.start();
            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", config.toString())));
            // The configuration's check reads the key once; the start reads it again, after it has locked the store.
            try (OutputStream check = openForWriting(heldKey)) {
                check.write(key.getBytes(StandardCharsets.UTF_8));
            }
            // Once the check is done (its read of the key closed), the next to open the pipe is the start.
            assertThat(FelixRuntime.await(PATIENCE, () -> log.since(0).stream()
                    .anyMatch(l -> l.contains("configuration " + config + " loaded")))).isTrue();
            // The old revision's, kept to ask it which drivers DriverManager still holds for it once its start ended.
            ClassLoader oldRevision = bundle.adapt(BundleWiring.class).getClassLoader();
            try (OutputStream held = openForWriting(heldKey)) {
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
            assertThat(running(felix) && problem(felix).isEmpty()).as("problem: %s", problem(felix)).isTrue();
            // DS did not deactivate the old revision's component (it gave up waiting for the start): until 2026-12-05
            // its SQLite driver stayed in DriverManager, and with it the old revision's class loader.
            assertThat(ownDrivers(oldRevision)).as("the old revision's SQLite drivers DriverManager still holds")
                    .isEmpty();
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
     * The bundle's register maps are copied into its data area (devicesDir empty): an upgrade that no longer carries
     * one removes its copy, as dpkg does for the .deb's, while a map an installer put there is kept.
     */
    @Test
    void anUpgradeRemovesTheCopiesOfMapsItNoLongerCarries() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = felix.install(LOCATION, bundleJar());
            bundle.start();
            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            runOn(felix, configuration, config);
            Path maps = bundle.getBundleContext().getDataFile("devices").toPath();
            assertThat(maps.resolve("generic.yaml")).exists();
            Path installers = maps.resolve("piles/installers-pile.yaml");
            Files.copy(maps.resolve("piles/generic-pile.yaml"), installers);

            bundle.update(new ByteArrayInputStream(without(bundleJar(), "devices/generic.yaml")));
            assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3))
                    .as("the upgraded bundle's gateway runs; problem: %s", problem(felix)).isTrue();
            assertThat(maps.resolve("generic.yaml")).as("the copy of a map the upgrade dropped").doesNotExist();
            assertThat(maps.resolve("eastron-sdm630.yaml")).as("a map the upgrade carries").exists();
            assertThat(installers).as("the installer's own map").exists();
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
                assertThat(bundle.adapt(BundleWiring.class).getClassLoader()).as("a class loader of its own").isNotSameAs(old);
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
     * An installer who installs the package before copying the configuration file onto the box sees it refused (no
     * such file) with no gateway running; once the file is there, saving the form again (the same settings) starts
     * the gateway: the component reads the file at each configuration it is given, and ConfigAdmin gives it again.
     */
    @Test
    void aFileCopiedAfterItWasRefusedIsTakenWhenTheFormIsSavedAgain() throws Exception {
        Path later = dir.resolve("later.yaml");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            felix.install(LOCATION, bundleJar()).start();
            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", later.toString())));
            String refused = "configuration rejected: configFile " + later + ": no such file; the gateway is not running";
            assertThat(FelixRuntime.await(PATIENCE, () -> problem(felix).equals(refused)))
                    .as("problem: %s", problem(felix)).isTrue();
            assertThat(running(felix)).isFalse();

            Files.move(writeConfig("copied.yaml", "orderly.db"), later);
            runOn(felix, configuration, later);
            assertThat(problem(felix)).isEmpty();
        }
    }

    /**
     * An installer's edit of a map's copy in the data area (the transformer meter's, whose scale differs on site) stays
     * across a restart of the bundle, with the bundle's map beside it and one WARN, as dpkg keeps an edited conffile.
     */
    @Test
    void aRestartKeepsAnInstallersEditOfAMapsCopy() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            Bundle bundle = felix.install(LOCATION, bundleJar());
            bundle.start();
            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            runOn(felix, configuration, config);
            Path copy = bundle.getBundleContext().getDataFile("devices/eastron-sdm630.yaml").toPath();
            String shipped = Files.readString(copy);
            String edited = shipped.replace("address: 0x0034, scale: 0.001 }", "address: 0x0034, scale: 0.0011 }");
            assertThat(edited).isNotEqualTo(shipped);
            Files.writeString(copy, edited);
            int mark = log.mark();

            bundle.stop();
            bundle.start();
            assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3))
                    .as("the restarted bundle's gateway runs; problem: %s", problem(felix)).isTrue();
            assertThat(Files.readString(copy)).as("the installer's edit").isEqualTo(edited);
            assertThat(Files.readString(copy.resolveSibling("eastron-sdm630.yaml.shipped")))
                    .as("the bundle's map beside it").isEqualTo(shipped);
            assertThat(log.since(mark).stream().filter(l -> l.contains("WARN") && l.contains(copy.toString())).toList())
                    .singleElement().satisfies(l -> assertThat(l).contains(copy + ".shipped", "a name of its own"));
        }
    }

    /** {@code jar} without its entry {@code name}. */
    private static byte[] without(byte[] jar, String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar));
             JarOutputStream out = new JarOutputStream(bytes, in.getManifest())) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (!e.getName().equals(name)) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Opens {@code pipe} for writing, which returns once the component opens it to read. */
    private static OutputStream openForWriting(NamedPipe pipe) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new FileOutputStream(pipe.path().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The threads a running gateway has (its control loop, meter bus, pile driver, store). */
    private static List<String> gatewayThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.equals("orderly-control") || n.startsWith("modbus-") || n.startsWith("pile-coap-")
                        || n.equals("orderly-store-writer")).sorted().toList();
    }

    private static void assertRunsOnLastGood(FelixRuntime felix, LogTap log, int mark, String refused, Path good)
            throws Exception {
        String instead = "the gateway runs from the last good configuration, configFile " + good;
        assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3
                && problem(felix).contains(refused))).as("running; problem: %s", problem(felix)).isTrue();
        assertThat(problem(felix)).contains(instead);
        assertThat(log.since(mark).stream().filter(l -> l.contains("configuration rejected")).toList())
                .as("one line: what was refused and what runs instead")
                .singleElement().satisfies(l -> assertThat(l).contains(refused, instead));
    }

    private static void assertNotRunning(FelixRuntime felix, String refused, String what) throws Exception {
        assertThat(FelixRuntime.await(PATIENCE, () -> problem(felix).contains(refused)))
                .as("%s; problem: %s", what, problem(felix)).isTrue();
        assertThat(problem(felix)).as(what).endsWith("the gateway is not running");
        assertThat(running(felix)).as(what).isFalse();
    }

    /**
     * {@code GatewayStatus} is a service for other bundles (a Kura Wires component, a cloud publisher): a bundle
     * importing its package resolves against this bundle, finds the service by the interface it sees and calls it.
     */
    @Test
    void anotherBundleGetsTheGatewayStatusAsAService() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            felix.install(LOCATION, bundleJar()).start();
            Bundle consumer = felix.install("status-consumer", consumerBundle());
            consumer.start();
            Class<?> statusType = consumer.loadClass(STATUS);
            Object configuration = FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
            FelixRuntime.call(configuration, "update", settings(Map.of("configFile", config.toString())));

            BundleContext context = consumer.getBundleContext();
            assertThat(FelixRuntime.await(PATIENCE, () -> context.getServiceReference(STATUS) != null))
                    .as("the service, as the consumer bundle sees it").isTrue();
            Object status = context.getService(context.getServiceReference(STATUS));
            assertThat(status).isInstanceOf(statusType);
            assertThat(FelixRuntime.await(PATIENCE, () -> invoke(statusType, status, "cycles") instanceof Long c
                    && c > 3)).as("cycles counted").isTrue();
            assertThat(invoke(statusType, status, "running")).isEqualTo(true);
            assertThat(invoke(statusType, status, "problem")).isEqualTo("");
        }
    }

    private static Object invoke(Class<?> type, Object target, String method) {
        try {
            return type.getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getName() + "." + method + " failed", e);
        }
    }

    /** A bundle of no classes that imports the status package, as a bundle using the service would. */
    private static byte[] consumerBundle() throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.orderly.test.status-consumer");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", STATUS.substring(0, STATUS.lastIndexOf('.'))
                + ";version=\"[1.0,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, m).close();
        return bytes.toByteArray();
    }

    private record Case(String name, Map<String, Object> settings, String expected) {
    }

    private static boolean rejects(String logLine, String expected) {
        return logLine.contains("configuration rejected") && logLine.contains(expected);
    }

    private static boolean running(FelixRuntime felix) {
        return Boolean.TRUE.equals(status(felix, "running"));
    }

    private static long cycles(FelixRuntime felix) {
        return status(felix, "cycles") instanceof Long n ? n : 0;
    }

    private static String problem(FelixRuntime felix) {
        return String.valueOf(status(felix, "problem"));
    }

    private Case yamlCase(String text, String name, String from, String to, String expected) throws Exception {
        assertThat(text).contains(from);
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace(from, to));
        return new Case(name + " (" + to + ")", Map.of("configFile", file.toString()), file + expected);
    }

    /** The bundle installed from the .dp and started, its gateway configured from {@code file} and cycling. */
    private Bundle installedRunningFrom(FelixRuntime felix, Path file) throws Exception {
        Bundle bundle = felix.install(LOCATION, bundleJar());
        bundle.start();
        runOn(felix, FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?"), file);
        return bundle;
    }

    /** Configures the gateway from {@code file} and waits until it cycles in normal mode. */
    private void runOn(FelixRuntime felix, Object configuration, Path file) throws Exception {
        FelixRuntime.call(configuration, "update", settings(Map.of("configFile", file.toString())));
        assertThat(FelixRuntime.await(PATIENCE, () -> Boolean.TRUE.equals(status(felix, "running"))
                && status(felix, "cycles") instanceof Long c && c > 3 && "NORMAL".equals(status(felix, "mode"))))
                .as("running from %s; problem: %s", file, status(felix, "problem")).isTrue();
    }

    /** The numbers of the messages in the store's outbox, lowest first. */
    private static List<Long> outbox(Path db) {
        return seqs(db, "outbox");
    }

    private static List<Long> setAside(Path db) {
        return seqs(db, "outbox_set_aside");
    }

    private static List<Long> seqs(Path db, String table) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM " + table + " ORDER BY seq")) {
            List<Long> seqs = new ArrayList<>();
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
            return seqs;
        } catch (SQLException e) {
            return List.of(); // not made yet
        }
    }

    private static long count(Path db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            return rs.getLong(1);
        }
    }

    private Path writeConfig(String name, String store) throws Exception {
        return writeConfig(name, store, "");
    }

    private Path writeConfig(String name, String store, String more) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                gatewayId: gw-kura-test
                compound:
                  transformer: { limitKw: 40, phaseVoltageV: 220 }
                  piles:
                    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                meters:
                  transformer: { bus: room, unit: %d, map: eastron-sdm630 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { gapMs: 0, timeoutMs: 200, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: 250, staleAfterMs: 1000, safeEvKw: 6 }
                store: { path: %s }
                """.formatted(bridge.port(), MeterSlave.UNIT, meter.port, store) + more);
        return file;
    }

    private static Dictionary<String, Object> settings(Map<String, Object> values) {
        Hashtable<String, Object> d = new Hashtable<>(values);
        d.putIfAbsent("devicesDir", "");
        return d;
    }

    private static Object status(FelixRuntime felix, String method) {
        try {
            Object status = felix.service(STATUS, null);
            return status == null ? null : FelixRuntime.call(status, method);
        } catch (Exception e) {
            throw new AssertionError("GatewayStatus." + method + " failed", e);
        }
    }

    private static Object referencesOrNull(FelixRuntime felix, String name) {
        return referencesOrNull(felix, name, null);
    }

    private static ServiceReference<?>[] referencesOrNull(FelixRuntime felix, String name, String filter) {
        try {
            return felix.references(name, filter);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Object id(Object attribute) {
        try {
            return FelixRuntime.call(attribute, "getID");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private byte[] bundleJar() {
        return dp.bundles().get("org.orderly.gateway.kura.jar");
    }

    private static List<String> entries(byte[] jar) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** A bundle exporting the compiled stand-ins of Kura's org.eclipse.kura.configuration, as Kura's API bundle does. */
    private static byte[] kuraApiBundle() throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.eclipse.kura.api.stand-in");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Export-Package", "org.eclipse.kura.configuration;version=\"1.2.0\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            for (String name : List.of("ConfigurableComponent", "ConfigurationService")) {
                String entry = "org/eclipse/kura/configuration/" + name + ".class";
                jar.putNextEntry(new JarEntry(entry));
                jar.write(Files.readAllBytes(Path.of("target/classes").resolve(entry)));
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
