package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.LoopbackPorts;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The built deployment package and its bundle as Kura sees them: the package's manifest, the form Kura draws from the
 * bundle's metatype, the configuration offered to Kura's UI, the status service for other bundles, and its logging in
 * Kura's SLF4J.
 */
class KuraPackageIT extends KuraBundleFixture {
    private static final String KURA_CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";

    @Test
    void theDeploymentPackageNamesTheBundleItCarries() throws Exception {
        assertThat(dp().header("DeploymentPackage-SymbolicName")).isEqualTo("org.orderly.gateway.kura");
        assertThat(dp().header("DeploymentPackage-Version")).matches("\\d+\\.\\d+\\.\\d+(\\..+)?");
        assertThat(dp().bundles()).containsOnlyKeys("org.orderly.gateway.kura.jar");
        Attributes section = dp().section("org.orderly.gateway.kura.jar");
        Manifest bundle = new JarInputStream(new ByteArrayInputStream(bundleJar())).getManifest();
        assertThat(section.getValue("Bundle-SymbolicName"))
                .isEqualTo(bundle.getMainAttributes().getValue("Bundle-SymbolicName"));
        assertThat(section.getValue("Bundle-Version")).isEqualTo(bundle.getMainAttributes().getValue("Bundle-Version"));
        assertThat(bundle.getMainAttributes().getValue("Import-Package"))
                .contains("org.eclipse.kura.configuration;resolution:=optional");

        List<String> entries = entries(bundleJar());
        assertThat(entries).contains("OSGI-INF/metatype/" + PID + ".xml", "OSGI-INF/" + PID + ".xml",
                "devices/eastron-sdm630.yaml");
        assertThat(entries).as("Kura's API is imported, never carried")
                .noneMatch(e -> e.startsWith("org/eclipse/kura"));
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
            String id = ad.getAttribute("id");
            assertThat(ad.getElementsByTagName("Option").getLength()).as("options of %s", id).isZero();
            assertThat(ad.getAttribute("min") + ad.getAttribute("max")).as("bounds of %s", id).isEmpty();
            form.add(String.join(" | ", id, ad.getAttribute("name"), ad.getAttribute("type"),
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
                        + " | Absolute path of a directory of register maps of your own, the meters' and the Modbus"
                        + " piles' (docs/register-maps.md), read before the maps carried in this bundle. Empty: the"
                        + " directory devices beside the configuration file, when there is one.");
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

            Bundle bundle = installed(felix);
            assertThat(bundle.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")).anyMatch(w ->
                    "org.eclipse.kura.configuration".equals(
                            w.getCapability().getAttributes().get("osgi.wiring.package"))
                            && w.getProvider().getBundle().equals(kuraApi));

            Object configuration = configuration(felix);
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
     * {@code GatewayStatus} is a service for other bundles (a Kura Wires component, a cloud publisher): a bundle
     * importing its package resolves against this bundle, finds the service by the interface it sees and calls it.
     */
    @Test
    void anotherBundleGetsTheGatewayStatusAsAService() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            installed(felix);
            Bundle consumer = felix.install("status-consumer", consumerBundle());
            consumer.start();
            Class<?> statusType = consumer.loadClass(STATUS);
            Object configuration = configuration(felix);
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
        Path config = writeConfig("orderly.yaml", "orderly.db",
                "web: { bind: 127.0.0.1, port: %d }\n".formatted(webPort));
        try (LogTap log = LogTap.start(); FelixRuntime felix = FelixRuntime.withSlf4jBundles(dir.resolve("felix"))) {
            installedRunningFrom(felix, config);
            assertThat(LoopbackPorts.accepts(webPort, PATIENCE)).as("the page listens on %d", webPort).isTrue();
            assertThat(log.since(0)).as("standard error").isNotEmpty()
                    .noneMatch(line -> line.contains("It looks like you don't have a logger"));
        }
    }

    /**
     * The page's {@code /metrics} in Kura: the Prometheus client travels embedded in the bundle (lib/) and writes the
     * gateway's figures there as under systemd.
     */
    @Test
    void inKuraThePageServesItsMetrics() throws Exception {
        int webPort = LoopbackPorts.free();
        Path config = writeConfig("orderly.yaml", "orderly.db",
                "web: { bind: 127.0.0.1, port: %d, metrics: open }\n".formatted(webPort));
        try (FelixRuntime felix = FelixRuntime.withSlf4jBundles(dir.resolve("felix"))) {
            installedRunningFrom(felix, config);
            assertThat(LoopbackPorts.accepts(webPort, PATIENCE)).as("the page listens on %d", webPort).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + webPort + "/metrics");
            long end = System.nanoTime() + PATIENCE.toNanos();
            HttpResponse<String> r;
            do {
                r = http.send(HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().matches("(?s).*\norderly_control_cycles_total [1-9].*")) {
                    break;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < end);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("# TYPE orderly_control_cycles_total counter", "orderly_build_info{version=")
                    .containsPattern("\norderly_control_cycles_total [1-9]");
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
        Manifest m = manifest("org.orderly.test.status-consumer");
        m.getMainAttributes().putValue("Import-Package", STATUS.substring(0, STATUS.lastIndexOf('.'))
                + ";version=\"[1.0,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, m).close();
        return bytes.toByteArray();
    }

    /** The manifest of a bundle {@code symbolicName} 1.0.0, its imports and exports to be added. */
    private static Manifest manifest(String symbolicName) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        return m;
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

    /**
     * A bundle exporting the compiled stand-ins of Kura's org.eclipse.kura.configuration, as Kura's API bundle does.
     */
    private static byte[] kuraApiBundle() throws Exception {
        Manifest m = manifest("org.eclipse.kura.api.stand-in");
        m.getMainAttributes().putValue("Export-Package", "org.eclipse.kura.configuration;version=\"1.2.0\"");
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
