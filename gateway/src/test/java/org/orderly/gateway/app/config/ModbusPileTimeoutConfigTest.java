package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A Modbus pile has no timeout of its own: its requests wait as long as its bus's {@code timing.timeoutMs} says (on a
 * serial bus its poller runs them with it). A {@code timeoutMs} given in its {@code driver.modbus} is refused with a
 * line saying where it belongs, and a bus timeout too long for the pile's lease to be renewed in time is refused, both
 * naming the pile and its bus.
 */
class ModbusPileTimeoutConfigTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    @Test
    void aTimeoutGivenToAModbusPileIsSaidToBelongToItsBus() throws Exception {
        String text = valid().replace("modbus: { bus: room, unit: 20, map: piles/generic-pile }",
                "modbus: { bus: room, unit: 20, map: piles/generic-pile, timeoutMs: 1000 }");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(text));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().endsWith("unknown key 'timeoutMs' in compound.piles[1].driver"
                + ".modbus: pile 'p2' has no timeout of its own, its requests wait as long as the timing.timeoutMs of its"
                + " bus 'room' says, as the meters' on it do; remove it here and set it on the bus");
    }

    @Test
    void aBusTimeoutTooLongForAPilesLeaseIsRefused() throws Exception {
        String text = valid().replace("timeoutMs: 200", "timeoutMs: 4000");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(text));

        assertThat(e).as("a 4000 ms timeout with a pile on the bus").isNotNull();
        assertThat(e.problems()).singleElement().asString().endsWith("pile 'p2' on bus 'room': the bus's timing.timeoutMs"
                + " 4000 is too long for the pile's lease of 10 s, renewed every 3333 ms, each renewal waiting up to the"
                + " timeout for its answer; give the bus a timeoutMs of at most 3333");
    }

    @Test
    void aBusTimeoutThePilesLeaseAllowsIsTaken() throws Exception {
        GatewayConfig c = parse(valid().replace("timeoutMs: 200", "timeoutMs: 3333"));

        assertThat(c.bus("room").timeoutMs()).isEqualTo(3333);
    }

    private static String valid() throws Exception {
        return Files.readString(RESOURCES.resolve("valid.yaml"));
    }

    private static GatewayConfig parse(String text) throws Exception {
        return ConfigLoader.parse("t.yaml", text, RESOURCES.resolve("devices"), RESOURCES);
    }
}
