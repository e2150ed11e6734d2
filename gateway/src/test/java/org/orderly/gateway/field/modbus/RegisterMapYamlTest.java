package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.pile.PileMapLoader;

/**
 * A shipped map copied and edited by hand with an indentation mistake, as an installer makes a map of their own from
 * the template: one line at the line to move, in the configuration's words ({@code ConfigYamlIndentTest}). Until
 * 2026-12-06 a map said SnakeYAML's, {@code generic.yaml:28: not valid YAML: mapping values are not allowed here}.
 */
class RegisterMapYamlTest {
    @TempDir
    Path dir;

    @Test
    void aMeterMapsKeyOneSpaceFurtherInIsSaidInAnInstallersWords() throws Exception {
        Path map = edited(DeviceMaps.directory().resolve("generic.yaml"), "  function: 3\n  type: float32",
                "  function: 3\n   type: float32");

        RegisterMapException e = catchThrowableOfType(() -> RegisterMapLoader.load(map), RegisterMapException.class);

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly(map + ":28: indentation does not line up: this line starts at column 4,"
                + " further in than 'function' (line 27, column 3) above it, which already has a value; start it at"
                + " column 3 to sit beside it");
    }

    @Test
    void aPileMapsTabIsSaidInAnInstallersWords() throws Exception {
        Path map = edited(DeviceMaps.directory().resolve("piles/generic-pile.yaml"), "  type: uint16", "\ttype: uint16");

        RegisterMapException e = catchThrowableOfType(() -> PileMapLoader.load(map), RegisterMapException.class);

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly(map + ":30: a tab in the indentation; YAML indents with spaces only:"
                + " replace the tab with spaces, lining the line up with its neighbours");
    }

    /** A copy of {@code shipped} in the test's directory with {@code from} replaced by {@code to}. */
    private Path edited(Path shipped, String from, String to) throws Exception {
        String text = Files.readString(shipped);
        assertThat(text).contains(from);
        return Files.writeString(dir.resolve(shipped.getFileName()),
                text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }
}
