package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * check-config of a file with a key indented one space too far: one line FILE:LINE:COLUMN in an installer's words,
 * exit 2. Until 2026-12-06 the line was SnakeYAML's ({@code not valid YAML: mapping values are not allowed here}).
 */
class CheckConfigYamlIndentExitTest {
    private static final Path DIR = Path.of("src/test/resources/check-config");
    private static final String DEVICES = "../config/devices";

    @Test
    void aKeyIndentedOneSpaceTooFarIsOneLineSayingWhereToMoveItExitTwo(@TempDir Path dir) throws IOException {
        String valid = Files.readString(DIR.resolve("valid.yaml"));
        assertThat(valid).contains("      phase: A\n      maxA: 32\n");
        Path file = Files.writeString(dir.resolve("orderly.yaml"),
                valid.replace("      phase: A\n      maxA: 32\n", "      phase: A\n       maxA: 32\n"));

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue(file + ":9:8: indentation does not line up: this line starts at"
                + " column 8, further in than 'phase' (line 8, column 7) above it, which already has a value; start it at"
                + " column 7 to sit beside it");
    }
}
