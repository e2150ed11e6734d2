package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The register maps in the bundle: those it carries, copied into its data area at each start (an upgrade removing the
 * copies of maps it no longer carries, an installer's edit of a copy kept), and the installer's own beside the
 * configuration file, read first.
 */
class KuraMapsIT extends KuraBundleFixture {
    /**
     * The bundle's register maps are copied into its data area (devicesDir empty): an upgrade that no longer carries
     * one removes its copy, as dpkg does for the .deb's, while a map an installer put there is kept.
     */
    @Test
    void anUpgradeRemovesTheCopiesOfMapsItNoLongerCarries() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix"))) {
            Bundle bundle = installedRunningFrom(felix, config);
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
     * An installer's edit of a map's copy in the data area (the transformer meter's, whose scale differs on site) stays
     * across a restart of the bundle, with the bundle's map beside it and one WARN, as dpkg keeps an edited conffile.
     */
    @Test
    void aRestartKeepsAnInstallersEditOfAMapsCopy() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            Bundle bundle = installedRunningFrom(felix, config);
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

    /**
     * A register map of the installer's own in {@code devices/} beside the configuration file, as {@code orderly run}
     * reads one (docs/register-maps.md, "A map of your own"): the gateway reads the meter with it, before the maps
     * carried in the bundle, and says it once at INFO. Until 2026-12-05 the bundle read only the copies in its data
     * area (or the devicesDir setting alone), and refused the configuration: no register map in its data area.
     */
    @Test
    void aMapOfTheInstallersOwnBesideTheConfigurationFileIsRead() throws Exception {
        Path config = writeConfig("orderly.yaml", "orderly.db");
        Files.writeString(config, Files.readString(config).replace("map: eastron-sdm630", "map: site-sdm630"));
        Path own = Files.createDirectories(dir.resolve("devices")).resolve("site-sdm630.yaml");
        Files.copy(Path.of("../config/devices/eastron-sdm630.yaml"), own);
        try (FelixRuntime felix = new FelixRuntime(dir.resolve("felix")); LogTap log = LogTap.start()) {
            installedRunningFrom(felix, config);
            assertThat(problem(felix)).isEmpty();
            assertThat(log.since(0)).filteredOn(l -> l.contains("register map 'site-sdm630'")).singleElement()
                    .satisfies(l -> assertThat(l).contains("INFO", "register map 'site-sdm630': " + own + ", your own")
                            .doesNotContain("in place of"));
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
}
