package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The bundle against the SLF4J Kura 5 provides (slf4j-api 1.7.36, eclipse-kura/kura target-platform/bom-common), not
 * the SLF4J 2 the gateway is built with: every SLF4J package its embedded libraries use is wired, so Californium's
 * DTLS connector, which logs its throttled warnings through {@code org.slf4j.event.Level}, logs rather than failing
 * on a class it cannot load.
 */
class KuraSlf4jIT {
    private static final String FILTERED_LOGGER = "org.eclipse.californium.elements.util.FilteredLogger";

    @TempDir
    Path dir;

    @Test
    void everySlf4jPackageTheBundleImportsIsWiredToKurasSlf4j17() throws Exception {
        byte[] jar = bundleJar();
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = felix.install("orderly.dp/org.orderly.gateway.kura.jar", jar);
            bundle.start();
            List<String> wired = bundle.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package").stream()
                    .map(BundleWire::getCapability).map(c -> (String) c.getAttributes().get("osgi.wiring.package"))
                    .toList();
            assertThat(wired).as("packages wired with SLF4J %s offered", FelixRuntime.KURA_SLF4J)
                    .contains("org.slf4j", "org.slf4j.event", "org.slf4j.spi");

            Class<?> filtered = bundle.loadClass(FILTERED_LOGGER);
            Object logger = filtered.getConstructor(String.class, long.class, long.class)
                    .newInstance(KuraSlf4jIT.class.getName(), 1L, 10L);
            try {
                filtered.getMethod("warn", String.class, Object[].class)
                        .invoke(logger, "DTLS test warning for {}", new Object[] {"p1"});
            } catch (InvocationTargetException e) {
                throw new AssertionError("Californium's FilteredLogger.warn failed in the bundle: " + e.getCause(), e);
            }
        }
    }

    private static byte[] bundleJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            Path file = files.filter(p -> p.getFileName().toString().endsWith(".dp")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .dp in target; run mvn package"));
            return DeploymentPackage.read(file).bundles().get("org.orderly.gateway.kura.jar");
        }
    }
}
