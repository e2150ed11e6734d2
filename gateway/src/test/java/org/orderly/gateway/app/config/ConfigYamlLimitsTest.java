package org.orderly.gateway.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Bad input is one line per problem, {@code FILE:LINE:COLUMN: what}, thrown as a {@link ConfigException} (check-config,
 * selftest and run then exit 2), also for files that SnakeYAML refuses with a plain {@code YAMLException} (not a
 * {@code MarkedYAMLException}: its guards against aliases and nesting) and paths the JDK refuses. Until 2026-12-03
 * those escaped {@link ConfigLoader#parse}: the command said SnakeYAML's or the JDK's words with no file or line, and
 * exited 1 for the YAML ones (OneLineErrors: not an IllegalArgumentException).
 */
class ConfigYamlLimitsTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");
    private static final Path DEVICES = RESOURCES.resolve("devices");

    private static String valid() throws Exception {
        return Files.readString(RESOURCES.resolve("valid.yaml"));
    }

    /** What parse throws; null when it took the file. */
    private static Throwable parsing(String text) {
        return catchThrowable(() -> ConfigLoader.parse("t.yaml", text, DEVICES, RESOURCES));
    }

    @Test
    void moreThanFiftyAliasesOfMappingsIsOneProblemOfTheFile() throws Exception {
        // An installer writing one anchor for the lease settings and 51 piles' worth of aliases to it; here under an
        // unknown key, so that the file has a problem either way.
        StringBuilder text = new StringBuilder(valid()).append("defaults: &d { ttlSeconds: 30 }\nuses:\n");
        for (int i = 0; i < 51; i++) {
            text.append("  - *d\n");
        }
        Throwable t = parsing(text.toString());
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) t).problems()).allSatisfy(p -> assertThat(p).startsWith("t.yaml:"));
    }

    @Test
    void nestingDeeperThanFiftyIsOneProblemOfTheFile() throws Exception {
        String text = valid() + "x: " + "[".repeat(60) + "]".repeat(60) + "\n";
        Throwable t = parsing(text);
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) t).problems()).allSatisfy(p -> assertThat(p).startsWith("t.yaml:"));
    }

    @Test
    void aStorePathTheFileSystemCannotNameIsAProblemAtItsLine() throws Exception {
        // YAML's "\0" escape: a NUL no path may hold.
        String text = valid().replace("store: { path: data/test.db,", "store: { path: \"data/\\0test.db\",");
        assertThat(text).contains("\\0test.db");
        Throwable t = parsing(text);
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) t).problems()).singleElement().asString().startsWith("t.yaml:34:");
    }
}
