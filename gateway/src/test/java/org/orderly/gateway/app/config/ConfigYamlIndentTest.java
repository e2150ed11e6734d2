package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The common indentation mistakes of a hand-edited configuration, each one line at the line to move, in an
 * installer's words. Until 2026-12-06 they were SnakeYAML's: {@code not valid YAML: mapping values are not allowed
 * here}, {@code expected <block end>, but found '<block mapping start>'}, {@code found character '\t(TAB)' that cannot
 * start any token}.
 */
class ConfigYamlIndentTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a key one space further in than the one above",
                        "      phase: A\n      maxA: 32", "      phase: A\n       maxA: 32",
                        "t.yaml:10:8: indentation does not line up: this line starts at column 8, further in than 'phase'"
                                + " (line 9, column 7) above it, which already has a value; start it at column 7 to sit"
                                + " beside it"),
                Arguments.of("a key one space further in, after a comment",
                        "      phase: A\n      maxA: 32", "      phase: A  # the meter's L1\n       maxA: 32",
                        "t.yaml:10:8: indentation does not line up: this line starts at column 8, further in than 'phase'"
                                + " (line 9, column 7) above it, which already has a value; start it at column 7 to sit"
                                + " beside it"),
                Arguments.of("a key one space short",
                        "      phase: A\n      maxA: 32", "      phase: A\n     maxA: 32",
                        "t.yaml:10:6: indentation does not line up: this line starts at column 6, between the list item"
                                + " (line 8, column 5) and 'phase' (line 9, column 7) above it; start it at the column of"
                                + " the key or list item it belongs beside"),
                Arguments.of("a list item one space further in than the one before",
                        "    - id: p2", "     - id: p2",
                        "t.yaml:14:6: indentation does not line up: this line starts at column 6, between the list item"
                                + " (line 8, column 5) and 'driver' (line 12, column 7) above it; start it at the column"
                                + " of the key or list item it belongs beside"),
                Arguments.of("a list item one space short",
                        "    - id: p2", "   - id: p2",
                        "t.yaml:14:4: indentation does not line up: this line starts at column 4, between 'piles'"
                                + " (line 7, column 3) and the list item (line 8, column 5) above it; start it at the"
                                + " column of the key or list item it belongs beside"),
                Arguments.of("a top-level key indented",
                        "\nmeters:", "\n meters:",
                        "t.yaml:20:2: indentation does not line up: this line starts at column 2, between 'compound'"
                                + " (line 2, column 1) and 'piles' (line 7, column 3) above it; start it at the column of"
                                + " the key or list item it belongs beside"),
                Arguments.of("a tab",
                        "      maxA: 32", "\tmaxA: 32",
                        "t.yaml:10:1: a tab in the indentation; YAML indents with spaces only: replace the tab with"
                                + " spaces, lining the line up with its neighbours"),
                Arguments.of("a ': ' in a value",
                        "gatewayId: gw-test", "gatewayId: gw: test",
                        "t.yaml:1:14: a ': ' inside a value, which YAML reads as another key; put the whole value in"
                                + " quotes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aCommonMistakeIsOneLineInAnInstallersWordsAtTheLineToMove(String name, String from, String to, String said)
            throws Exception {
        String valid = Files.readString(RESOURCES.resolve("valid.yaml"));
        assertThat(valid).contains(from);
        String text = valid.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES));

        assertThat(e).as(name).isNotNull();
        assertThat(e.problems()).containsExactly(said);
    }
}
