package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md: {@code loadControl.statusPin} is "BCM GPIO 0..63", default none. The reader takes -1 (its own
 * marker for "none") when it is written, so a file giving statusPin: -1 passed check-config until 2026-12-03.
 */
class LoadControlStatusPinTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    @Test
    void aStatusPinBelowZeroIsRefusedAsTheDocsRangeSays() throws Exception {
        String text = Files.readString(RESOURCES.resolve("valid.yaml")) + "loadControl: { pin: 17, statusPin: -1 }\n";
        Throwable t = catchThrowable(() -> ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES));
        assertThat(t).as("statusPin -1 must be refused (0..63)").isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) t).problems()).singleElement().asString().contains("statusPin").contains("0..63");
    }
}
