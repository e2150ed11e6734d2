package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A register map of {@code config/devices/} (a meter's, or a pile's under {@code piles/}) given to {@code check-config},
 * {@code selftest} or {@code run} is the wrong kind of file, which is one line naming what it is and where it goes.
 * Until 2026-12-04 {@code check-config config/devices/acrel-adl400.yaml} printed 9 problems: {@code unknown key 'model'
 * in the file; known keys: gatewayId, ...}, {@code missing 'gatewayId' in the file ...} and so on, exit 2.
 */
class DeviceMapGivenAsConfigurationTest {
    private static final Path DEVICES = Path.of("src/test/resources/config/devices");

    @ParameterizedTest
    @ValueSource(strings = {"chint-dtsu666.yaml", "piles/generic-pile.yaml"})
    void aRegisterMapIsOneProblemSayingWhatItIsAndWhereItGoes(String map) throws Exception {
        Path file = DEVICES.resolve(map);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(map, Files.readString(file), DEVICES, Path.of(".")));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith(map + ":")
                .contains(": this file is a register map (as in config/devices), not a gateway configuration; ",
                        "meters: transformer: map: NAME", "driver: modbus: map: piles/NAME", "config/orderly.example.yaml");
    }
}
