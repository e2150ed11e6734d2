package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code config/examples/} holds scenarios ({@code orderly-scenario/1}, for {@code orderly simulate}) beside the
 * gateway configurations of {@code config/}. One given to {@code check-config}, {@code selftest} or {@code run} is the
 * wrong kind of file, which is one line. Until 2026-12-03 {@code check-config config/examples/example-48.json} printed
 * 26 problems (every key of the scenario unknown, every key of a configuration missing), exit 2.
 */
class ScenarioGivenAsConfigurationTest {
    private static final Path DEVICES = Path.of("src/test/resources/config/devices");

    @Test
    void aScenarioIsOneProblemSayingWhatItIsFor() {
        String scenario = """
                {
                 "format": "orderly-scenario/1",
                 "name": "example-48",
                 "timezone": "Asia/Shanghai",
                 "transformer": {"limitKw": 400},
                 "piles": [{"id": "p01", "phase": "A", "maxA": 32}]
                }
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("example-48.json", scenario, DEVICES, Path.of(".")));

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly("example-48.json:2:12: this file is a scenario (format "
                + "orderly-scenario/1) for orderly simulate, not a gateway configuration; replay it with orderly simulate "
                + "FILE, or start a configuration from config/orderly.example.yaml");
    }
}
