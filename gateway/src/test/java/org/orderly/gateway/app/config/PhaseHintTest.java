package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pile's {@code phase} written wrong gets a hint that helps. Until 2026-12-03 every value of one letter was told to
 * be written in capitals, a capital too: {@code phase: D}, a line the transformer does not have, read
 * {@code must be A, B, C or ABC, was 'D'; write it in capitals}, and so did {@code N} (the neutral).
 */
class PhaseHintTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    private static final String WIRED_TO = "the line the pile is wired to: A, B or C for a single-phase pile"
            + " (L1, L2, L3), ABC for a three-phase one";

    @ParameterizedTest(name = "phase: {0}")
    @CsvSource(delimiter = '|', value = {
            "a|'phase' in compound.piles[0] must be A, B, C or ABC, was 'a'; write it in capitals",
            "abc|'phase' in compound.piles[0] must be A, B, C or ABC, was 'abc'; write it in capitals",
            "D|'phase' in compound.piles[0] must be A, B, C or ABC, was 'D'; " + WIRED_TO,
            "N|'phase' in compound.piles[0] must be A, B, C or ABC, was 'N'; " + WIRED_TO,
            "L1|'phase' in compound.piles[0] must be A, B, C or ABC, was 'L1'; " + WIRED_TO})
    void aWrongPhaseIsToldWhatAPhaseIs(String phase, String expected) throws Exception {
        String text = Files.readString(RESOURCES.resolve("valid.yaml")).replaceFirst("phase: A\n", "phase: " + phase + "\n");
        assertThat(text).contains("phase: " + phase + "\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES));
        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly("t.yaml:9:14: " + expected);
    }
}
