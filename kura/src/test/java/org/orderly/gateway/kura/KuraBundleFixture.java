package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

/**
 * What the tests of the built deployment package in a real OSGi framework (Apache Felix with Felix SCR, ConfigAdmin
 * and MetaType) share: the package read from {@code target}, a real Modbus TCP meter and a real firmware-bridge on
 * 127.0.0.1 for the gateway's control loop to read and lease to, a configuration file of that compound, and the
 * gateway's status as its service says it.
 */
abstract class KuraBundleFixture {
    static final String PID = OrderlyGatewayComponent.PID;
    static final String STATUS = "org.orderly.gateway.kura.status.GatewayStatus";
    static final String LOCATION = "orderly.dp/org.orderly.gateway.kura.jar";
    static final String CM = "org.osgi.service.cm.ConfigurationAdmin";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    MeterSlave meter;
    PileBridge bridge;
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

    DeploymentPackage dp() {
        return dp;
    }

    byte[] bundleJar() {
        return dp.bundles().get("org.orderly.gateway.kura.jar");
    }

    /** The bundle installed from the .dp and started, its gateway not configured yet. */
    Bundle installed(FelixRuntime felix) throws Exception {
        Bundle bundle = felix.install(LOCATION, bundleJar());
        bundle.start();
        return bundle;
    }

    /** The bundle installed from the .dp and started, its gateway configured from {@code file} and cycling. */
    Bundle installedRunningFrom(FelixRuntime felix, Path file) throws Exception {
        Bundle bundle = installed(felix);
        runOn(felix, configuration(felix), file);
        return bundle;
    }

    /**
     * Upgrades the running bundle {@code times} times ({@code Bundle.update}, as Deployment Admin does, from the calling
     * thread), each upgrade's gateway cycling before the next, and returns the replaced revisions' class loaders, held
     * weakly. Called in a method of its own, so that no local variable of the caller keeps an old revision's classes.
     */
    List<WeakReference<ClassLoader>> upgraded(FelixRuntime felix, Bundle bundle, int times) throws Exception {
        List<WeakReference<ClassLoader>> old = new ArrayList<>();
        for (int upgrade = 1; upgrade <= times; upgrade++) {
            old.add(new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader()));
            bundle.update(new ByteArrayInputStream(bundleJar()));
            int n = upgrade;
            assertThat(FelixRuntime.await(PATIENCE, () -> running(felix) && cycles(felix) > 3))
                    .as("upgrade %d runs; problem: %s", n, problem(felix)).isTrue();
        }
        return old;
    }

    /** The gateway's configuration in ConfigAdmin, as Kura's form edits it. */
    static Object configuration(FelixRuntime felix) throws Exception {
        return FelixRuntime.call(felix.service(CM, null), "getConfiguration", PID, "?");
    }

    /** Configures the gateway from {@code file} and waits until it cycles in normal mode. */
    static void runOn(FelixRuntime felix, Object configuration, Path file) throws Exception {
        FelixRuntime.call(configuration, "update", settings(Map.of("configFile", file.toString())));
        assertThat(FelixRuntime.await(PATIENCE, () -> Boolean.TRUE.equals(status(felix, "running"))
                && status(felix, "cycles") instanceof Long c && c > 3 && "NORMAL".equals(status(felix, "mode"))))
                .as("running from %s; problem: %s", file, status(felix, "problem")).isTrue();
    }

    Path writeConfig(String name, String store) throws Exception {
        return writeConfig(name, store, "");
    }

    /** A configuration of the test's compound, its transformer meter read with the map {@code eastron-sdm630}. */
    Path writeConfig(String name, String store, String more) throws Exception {
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

    static Dictionary<String, Object> settings(Map<String, Object> values) {
        Hashtable<String, Object> d = new Hashtable<>(values);
        d.putIfAbsent("devicesDir", "");
        return d;
    }

    static Object status(FelixRuntime felix, String method) {
        try {
            Object status = felix.service(STATUS, null);
            return status == null ? null : FelixRuntime.call(status, method);
        } catch (Exception e) {
            throw new AssertionError("GatewayStatus." + method + " failed", e);
        }
    }

    static boolean running(FelixRuntime felix) {
        return Boolean.TRUE.equals(status(felix, "running"));
    }

    static long cycles(FelixRuntime felix) {
        return status(felix, "cycles") instanceof Long n ? n : 0;
    }

    static String problem(FelixRuntime felix) {
        return String.valueOf(status(felix, "problem"));
    }

    static Object referencesOrNull(FelixRuntime felix, String name) {
        return referencesOrNull(felix, name, null);
    }

    static ServiceReference<?>[] referencesOrNull(FelixRuntime felix, String name, String filter) {
        try {
            return felix.references(name, filter);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The threads a running gateway has: its control loop, meter bus, pile driver, store, and its CoAP endpoint's
     * (Californium's {@code UDP-*} and {@code CoapEndpoint-*}), so that an endpoint left open is seen. Those of the
     * test's own bridge are told apart by their thread groups: the bundle embeds a copy of Californium of its own, whose
     * groups are not those of the test's copy. Until 2026-12-06 no Californium thread was counted.
     */
    static List<String> gatewayThreads() {
        Set<ThreadGroup> tests = testsCaliforniumGroups();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> isGatewayOwn(t.getName()) || isCalifornium(t.getName()) && t.getThreadGroup() != null
                        && !tests.contains(t.getThreadGroup()))
                .map(Thread::getName).sorted().toList();
    }

    private static boolean isGatewayOwn(String name) {
        return name.equals("orderly-control") || name.startsWith("modbus-") || name.startsWith("pile-coap-")
                || name.equals("orderly-store-writer");
    }

    /** Californium's socket threads ({@code UDP-Receiver-*}, {@code UDP-Sender-*}) and a client endpoint's own. */
    private static boolean isCalifornium(String name) {
        return name.startsWith("UDP-") || name.contains("CoapEndpoint-");
    }

    /** The thread groups of the test's copy of Californium (its bridge's): every thread Californium makes is in one. */
    private static Set<ThreadGroup> testsCaliforniumGroups() {
        try {
            Field elements = UDPConnector.class.getDeclaredField("ELEMENTS_THREAD_GROUP");
            elements.setAccessible(true);
            return new HashSet<>(List.of(NamedThreadFactory.COAP_THREAD_GROUP, NamedThreadFactory.SCANDIUM_THREAD_GROUP,
                    (ThreadGroup) elements.get(null)));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Californium's UDPConnector.ELEMENTS_THREAD_GROUP, read to tell the test's "
                    + "threads from the gateway's", e);
        }
    }
}
