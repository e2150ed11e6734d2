package org.orderly.gateway.kura;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register maps a configuration is loaded against in the bundle: the installer's own in {@code devices/} beside
 * the configuration file (or in {@code devicesDir}), then the maps carried in the bundle, as {@code orderly run} reads
 * them (docs/register-maps.md, "A map of your own"). Real files; the carried maps are the repository's.
 */
class LoadedConfigurationTest {
    private static final Path CARRIED = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aMapOfTheInstallersOwnBesideTheFileIsFound() throws Exception {
        Path config = config("acme-x1");
        Path own = ownMap(dir.resolve("devices"), "acme-x1", "");

        LoadedConfiguration loaded = LoadedConfiguration.load(settings(config, null), () -> CARRIED);

        assertThat(loaded.maps().file("acme-x1")).isEqualTo(own);
        assertThat(loaded.maps().file("piles/generic-pile")).isEqualTo(CARRIED.resolve("piles/generic-pile.yaml"));
    }

    @Test
    void aMapOfTheInstallersOwnWithACarriedMapsNameIsReadInItsPlace() throws Exception {
        Path config = config("eastron-sdm630");
        Path own = ownMap(dir.resolve("devices"), "eastron-sdm630", "# the installer's, scale corrected\n");

        LoadedConfiguration loaded = LoadedConfiguration.load(settings(config, null), () -> CARRIED);

        assertThat(loaded.maps().file("eastron-sdm630")).isEqualTo(own);
        assertThat(loaded.maps().overridesShipped("eastron-sdm630")).isTrue();
    }

    @Test
    void devicesDirIsReadBeforeTheCarriedMapsNotInsteadOfThem() throws Exception {
        Path config = config("acme-x1");
        Path elsewhere = dir.resolve("elsewhere");
        ownMap(elsewhere, "acme-x1", "");
        ownMap(dir.resolve("devices"), "acme-x1", "# beside the file, not read when devicesDir is set\n");
        Files.writeString(config, Files.readString(config).replace("}\ntariff", "}\n  - { name: more, tcp: { host:"
                + " 127.0.0.1, port: 1503 } }\ntariff").replace("    - { id: p1", "    - { id: p2, phase: B, maxA: 32,"
                + " driver: { modbus: { bus: more, unit: 3, map: piles/generic-pile } } }\n    - { id: p1"));

        LoadedConfiguration loaded = LoadedConfiguration.load(settings(config, elsewhere), () -> CARRIED);

        assertThat(loaded.maps().file("acme-x1")).isEqualTo(elsewhere.resolve("acme-x1.yaml"));
        assertThat(loaded.maps().file("piles/generic-pile")).isEqualTo(CARRIED.resolve("piles/generic-pile.yaml"));
    }

    @Test
    void withNoDevicesBesideTheFileTheCarriedMapsAloneAreRead() throws Exception {
        Path config = config("acme-x1");

        assertThatThrownBy(() -> LoadedConfiguration.load(settings(config, null), () -> CARRIED))
                .isInstanceOfSatisfying(ConfigurationRejected.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains(":7:", "no register map 'acme-x1' in " + CARRIED));
    }

    @Test
    void aDevicesBesideTheFileThatIsNoDirectoryIsOneLineNamingIt() throws Exception {
        Path config = config("eastron-sdm630");
        Files.writeString(dir.resolve("devices"), "");

        assertThatThrownBy(() -> LoadedConfiguration.load(settings(config, null), () -> CARRIED))
                .isInstanceOfSatisfying(ConfigurationRejected.class, e -> assertThat(e.problems()).containsExactly(
                        "devices directory " + dir.resolve("devices") + " beside configFile " + config
                                + ": is a file, not a directory of register maps; make it a directory of .yaml maps of"
                                + " your own (read before the maps carried in the bundle), or remove it"));
    }

    /** A meter map of the installer's: the carried eastron-sdm630's registers under {@code name}. */
    private static Path ownMap(Path devices, String name, String head) throws Exception {
        Files.createDirectories(devices);
        return Files.writeString(devices.resolve(name + ".yaml"),
                head + Files.readString(CARRIED.resolve("eastron-sdm630.yaml")));
    }

    private static FormSettings settings(Path config, Path devicesDir) {
        return new FormSettings(true, config, Optional.ofNullable(devicesDir));
    }

    private Path config(String meterMap) throws Exception {
        return Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: gw-kura-test
                compound:
                  transformer: { limitKw: 40, phaseVoltageV: 220 }
                  piles:
                    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: 5683, plain: true } } }
                meters:
                  transformer: { bus: room, unit: 1, map: %s }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: 1502 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                store: { path: orderly.db }
                """.formatted(meterMap));
    }
}
