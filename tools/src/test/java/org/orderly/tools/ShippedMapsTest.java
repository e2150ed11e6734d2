package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.DeviceMaps;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A command given no {@code --devices} and run without a launcher's {@code -Dorderly.home} ({@code java -jar
 * orderly.jar} from any directory) reads the maps shipped in the program; until 2026-12-05 it read
 * {@code ./config/devices} of the working directory and refused to start anywhere else.
 */
class ShippedMapsTest {
    private static final Path VALID = Path.of("src/test/resources/check-config/valid.yaml");

    @Test
    void withoutDevicesNorHomeACommandReadsTheMapsShippedWithIt() {
        // Surefire runs in tools/, where there is no config/devices: as java -jar run from another directory.
        assertThat(System.getProperty("orderly.home")).isNull();
        assertThat(Path.of("config/devices")).doesNotExist();

        OrderlyRun r = OrderlyRun.of("check-config", VALID.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith(VALID + ": OK: gateway gw-room-7");
    }

    @Test
    void theMapsInAJarAreReadWhereTheyAreAndAnUnknownOneNamesTheJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("orderly.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(zip, "devices/eastron-sdm630.yaml", Path.of("../config/devices/eastron-sdm630.yaml"));
            put(zip, "devices/piles/generic-pile.yaml", Path.of("../config/devices/piles/generic-pile.yaml"));
        }

        Path maps = ShippedMaps.in(jar);

        assertThat(DevicesOption.problem(maps)).isEmpty();
        DeviceMaps shipped = new DeviceMaps(MapDirs.shipped(maps));
        assertThat(shipped.has("eastron-sdm630")).isTrue();
        assertThat(shipped.has("piles/generic-pile")).isTrue();
        assertThat(shipped.unknown("eastron-sdm603")).isEqualTo("no register map 'eastron-sdm603' in jar:" + jar.toUri()
                + "!/devices; did you mean 'eastron-sdm630'? available: eastron-sdm630, piles/generic-pile");
    }

    private static void put(ZipOutputStream zip, String name, Path from) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(Files.readAllBytes(from));
        zip.closeEntry();
    }
}
