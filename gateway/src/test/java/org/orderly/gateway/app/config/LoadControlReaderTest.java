package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.gpio.LoadControlConfig;

/** The {@code loadControl:} section appended to the valid test configuration. */
class LoadControlReaderTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    private static String validWith(String section) throws Exception {
        return Files.readString(RESOURCES.resolve("valid.yaml")) + section;
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void absentMeansNoContact() throws Exception {
        assertThat(ConfigLoader.parse("t.yaml", validWith(""), DEVICES, RESOURCES).loadControl()).isEmpty();
    }

    @Test
    void aFullSectionIsRead() throws Exception {
        GatewayConfig c = ConfigLoader.parse("t.yaml", validWith("""
                loadControl: { pin: 22, activeLevel: low, pull: up, releaseDebounceMs: 500, evLimitKw: 20, statusPin: 23 }
                """), DEVICES, RESOURCES);
        assertThat(c.loadControl()).contains(new LoadControlConfig(22, false, LoadControlConfig.Pull.UP, 500, 20, 23));
    }

    @Test
    void defaultsShedEverythingOnAHighInputPulledDown() throws Exception {
        GatewayConfig c = ConfigLoader.parse("t.yaml", validWith("loadControl: { pin: 17 }\n"), DEVICES, RESOURCES);
        assertThat(c.loadControl()).contains(new LoadControlConfig(17, true, LoadControlConfig.Pull.DOWN, 200, 0, -1));
    }

    @Test
    void eachMistakeIsNamedWithItsLineAndColumn() throws Exception {
        String text = validWith("""
                loadControl:
                  pin: 17
                  activeLevel: closed
                  pull: sideways
                  evLimitKw: 5 kW
                  statusPin: 17
                  debounce: 20
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("t.yaml:" + lineOf(text, "activeLevel: closed")
                + ":16: ").contains("must be high or low"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("t.yaml:" + lineOf(text, "pull: sideways")
                + ":9: ").contains("up, down or off"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("t.yaml:" + lineOf(text, "evLimitKw: 5 kW")
                + ":14: ").contains("write the number alone"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("t.yaml:" + lineOf(text, "statusPin: 17")
                + ":14: ").contains("the contact's own pin"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("t.yaml:" + lineOf(text, "debounce: 20")
                + ":3: ").contains("debounce"));
    }
}
