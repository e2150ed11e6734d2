package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.testkit.BadTextFile;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly check-config} on a file it reads as text that is not text: the configuration itself, a file the
 * configuration names (a key, the metrics token, the broker's password, a certificate) and an installer's own register
 * map. Each is one line naming the file and what is wrong with it, exit 2. Until 2026-12-05 a token or key file in
 * Latin-1 said only {@code cannot be read: Input length = 2}, a binary configuration or map {@code special characters
 * are not allowed} (the map's without the file's name, exit 1), a binary or non-UTF-8 broker password or CA file
 * passed, and an own map that was a directory or a link that loops was passed over for the shipped map of that name.
 * The same bad files ({@link BadTextFile}) as a scenario for {@code simulate}.
 */
class BadTextFileTest {
    private static final String DEVICES = "../config/devices";

    static Stream<Arguments> bad() {
        return Stream.of(BadTextFile.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void theConfigurationItself(BadTextFile bad, @TempDir Path dir) throws IOException {
        Path config = bad.make(dir.resolve("orderly.yaml"));

        assertOneLine(run(config, DEVICES), config, bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void aFileTheConfigurationNames(BadTextFile bad, @TempDir Path dir) throws IOException {
        for (String key : List.of("metricsTokenFile", "pskKeyFile", "passwordFile", "caFile")) {
            Path sub = Files.createDirectory(dir.resolve(key));
            Path file = bad.make(sub.resolve("the-file"));
            Path config = example(sub, switch (key) {
                case "metricsTokenFile" -> List.of("  port: 8080\n", "  port: 8080\n  metrics: token\n  metricsTokenFile: "
                        + file + "\n");
                case "pskKeyFile" -> List.of("keys/p01.psk", file.toString());
                case "passwordFile" -> List.of("  # passwordFile: secrets/mqtt.password", "  username: gw\n  passwordFile: "
                        + file);
                default -> List.of("  # tls:\n", "  tls: { caFile: " + file + " }\n");
            });

            OrderlyRun r = run(config, DEVICES);

            assertOneLine(r, file, bad);
            assertThat(r.err()).as(key).contains("'" + key + "' in ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void anOwnRegisterMap(BadTextFile bad, @TempDir Path dir) throws IOException {
        Path devices = Files.createDirectory(dir.resolve("devices"));
        Path map = bad.make(devices.resolve("chint-dtsu666.yaml"));
        Path config = example(dir, List.of());

        OrderlyRun r = run(config, devices.toString());

        assertOneLine(r, map, bad);
        assertThat(r.err()).contains("register map 'chint-dtsu666' cannot be read: ");
    }

    /**
     * A scenario for {@code simulate}: until 2026-12-05 Jackson's words, "not valid JSON near name: Invalid UTF-8 start
     * byte 0xe9", "Illegal character ((CTRL-CHAR, code 0))", "cannot read: Is a directory".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void aScenarioForSimulate(BadTextFile bad, @TempDir Path dir) throws IOException {
        Path scenario = bad.make(dir.resolve("scenario.json"));

        OrderlyRun r = OrderlyRun.of("simulate", scenario.toString(), "--out", dir.resolve("out").toString());

        assertOneLine(r, scenario, bad);
        assertThat(dir.resolve("out")).as("nothing written").doesNotExist();
    }

    private static OrderlyRun run(Path config, String devices) {
        return OrderlyRun.of("check-config", "--devices", devices, config.toString());
    }

    private static void assertOneLine(OrderlyRun r, Path file, BadTextFile bad) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        List<String> lines = r.err().lines().filter(l -> !l.endsWith(" problem") && !l.contains(": warning: ")).toList();
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines.get(0)).contains(file.toString()).contains(bad.said);
    }

    /** The example configuration with its keys made, each pair of {@code edits} a text and what replaces it. */
    private static Path example(Path dir, List<String> edits) throws IOException {
        String text = Files.readString(Path.of("../config/orderly.example.yaml"));
        for (int i = 0; i < edits.size(); i += 2) {
            assertThat(text).contains(edits.get(i));
            text = text.replace(edits.get(i), edits.get(i + 1));
        }
        Path keys = Files.createDirectory(dir.resolve("keys"));
        for (int p = 1; p <= 5; p++) {
            Path key = Files.writeString(keys.resolve("p0" + p + ".psk"), "key-of-pile-" + p + "\n");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.writeString(dir.resolve("orderly.yaml"), text);
    }
}
