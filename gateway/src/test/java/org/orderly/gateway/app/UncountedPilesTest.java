package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import org.orderly.gateway.app.config.MapDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;

/**
 * Which piles count no session energy, from the configuration and the Modbus piles' maps: the test configuration's p1
 * is a firmware-bridge, p2 a Modbus pile on {@code piles/generic-pile}.
 */
class UncountedPilesTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    @TempDir
    Path dir;

    @Test
    void aModbusPileWhoseMapHasNoSessionEnergyRegisterCountsNone() throws Exception {
        Path devices = copyOfDevices();
        Path map = devices.resolve("piles/generic-pile.yaml");
        String text = Files.readString(map);
        String withoutEnergy = text.lines().filter(l -> !l.contains("quantity: energy.session.kwh"))
                .reduce("", (a, l) -> a + l + "\n");
        assertThat(text).contains("quantity: energy.session.kwh");
        Files.writeString(map, withoutEnergy);

        assertThat(UncountedPiles.of(config(devices), MapDirs.shipped(devices)).ids()).containsExactly("p2");
    }

    @Test
    void aBridgeAndAModbusPileWithTheRegisterCountTheirs() throws Exception {
        Path devices = copyOfDevices();

        assertThat(UncountedPiles.of(config(devices), MapDirs.shipped(devices)).ids()).isEmpty();
    }

    private GatewayConfig config(Path devices) throws Exception {
        return ConfigLoader.parse("t.yaml", Files.readString(RESOURCES.resolve("valid.yaml")), devices, RESOURCES);
    }

    private Path copyOfDevices() throws Exception {
        Path devices = dir.resolve("devices");
        Files.createDirectories(devices.resolve("piles"));
        try (var files = Files.walk(RESOURCES.resolve("devices"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, devices.resolve(RESOURCES.resolve("devices").relativize(f).toString()));
            }
        }
        return devices;
    }
}
