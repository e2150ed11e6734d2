package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.live.CountSteps;
import org.orderly.gateway.field.pile.PileMapLoader;

/**
 * The step each Modbus pile's session energy register counts in, from its map, as the gateway gives it to the session
 * tracker (docs/architecture.md, "A pile's count that goes back"): the test configuration's p1 is a firmware-bridge
 * (none), p2 a Modbus pile on {@code piles/generic-pile}, whose {@code energy.session.kwh} is a uint32 of 0.001 kWh.
 */
class PileCountStepsTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    @TempDir
    Path dir;

    @Test
    void aModbusPilesStepIsItsIntegerRegistersScale() throws Exception {
        Path devices = RESOURCES.resolve("devices");
        var config = ConfigLoader.parse("t.yaml", Files.readString(RESOURCES.resolve("valid.yaml")), devices, RESOURCES);

        assertThat(PileDrivers.countSteps(config, MapDirs.shipped(devices))).isEqualTo(new CountSteps(Map.of("p2", 0.001)));
    }

    @Test
    void aFloatRegisterHasNoStep() throws Exception {
        String text = Files.readString(RESOURCES.resolve("devices/piles/generic-pile.yaml"));
        String asFloat = text.replace("{ quantity: energy.session.kwh, address: 0x0204, type: uint32, scale: 0.001 }",
                "{ quantity: energy.session.kwh, address: 0x0204, type: float32 }");
        assertThat(asFloat).isNotEqualTo(text);
        Path map = dir.resolve("float-pile.yaml");
        Files.writeString(map, asFloat);

        assertThat(PileMapLoader.load(map).sessionEnergyStepKwh()).isZero();
    }
}
