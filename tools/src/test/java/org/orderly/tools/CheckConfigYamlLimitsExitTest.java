package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * docs/operations.md: exit 2 for bad input (configuration, argument), and check-config prints every problem as
 * FILE:LINE:COLUMN. A file with more than 50 aliases of mappings or lists (SnakeYAML's default limit, a plain
 * YAMLException, not a marked one) is one such problem, exit 2. Until 2026-12-03 it escaped the loader: `orderly
 * check-config: Number of aliases for non-scalar nodes exceeds the specified max=50`, no file, no line, exit 1, the
 * exit of a device that failed; `run` and `selftest` the same.
 */
class CheckConfigYamlLimitsExitTest {
    private static final Path DIR = Path.of("src/test/resources/check-config");
    private static final String DEVICES = "../config/devices";

    private static Path withAliases(Path dir) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(DIR.resolve("valid.yaml")))
                .append("defaults: &d { ttlSeconds: 30 }\nuses:\n");
        for (int i = 0; i < 51; i++) {
            text.append("  - *d\n");
        }
        return Files.writeString(dir.resolve("orderly.yaml"), text);
    }

    @Test
    void checkConfigOfAFileWithManyAliasesIsBadInputAtItsLines(@TempDir Path dir) throws IOException {
        Path file = withAliases(dir);
        OrderlyRun r = OrderlyRun.of("check-config", "--devices", DEVICES, file.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith(file + ":"));
    }

    @Test
    void runOfAFileWithManyAliasesIsBadInput(@TempDir Path dir) throws IOException {
        Path file = withAliases(dir);
        OrderlyRun r = OrderlyRun.of("run", "--devices", DEVICES, "--config", file.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
    }
}
