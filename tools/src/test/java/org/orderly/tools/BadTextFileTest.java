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
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly check-config} on a file it reads as text that is not text: the configuration itself, a file the
 * configuration names (a key, the metrics token, the broker's password, a certificate) and an installer's own register
 * map. Each is one line naming the file and what is wrong with it, exit 2. Until 2026-12-05 a token or key file in
 * Latin-1 said only {@code cannot be read: Input length = 2}, a binary configuration or map {@code special characters
 * are not allowed} (the map's without the file's name, exit 1), a binary or non-UTF-8 broker password or CA file
 * passed, and an own map that was a directory or a link that loops was passed over for the shipped map of that name.
 */
class BadTextFileTest {
    private static final String DEVICES = "../config/devices";

    /** A bad file of each kind, and the words its line must hold. */
    enum Bad {
        LATIN1("is not UTF-8 text (byte 0xE9 "),
        BINARY("holds a zero byte "),
        DIRECTORY("is a directory, not a file"),
        LOOP("cannot be reached (Too many levels of symbolic links");

        final String said;

        Bad(String said) {
            this.said = said;
        }

        Path make(Path file) throws IOException {
            switch (this) {
                case LATIN1 -> Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
                case BINARY -> Files.write(file, new byte[] {'a', 'b', 0, 'c', '\n'});
                case DIRECTORY -> Files.createDirectory(file);
                case LOOP -> {
                    Path other = file.resolveSibling(file.getFileName() + ".other");
                    Files.createSymbolicLink(other, file.getFileName());
                    Files.createSymbolicLink(file, other.getFileName());
                }
            }
            if (Files.isRegularFile(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return file;
        }
    }

    static Stream<Arguments> bad() {
        return Stream.of(Bad.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void theConfigurationItself(Bad bad, @TempDir Path dir) throws IOException {
        Path config = bad.make(dir.resolve("orderly.yaml"));

        assertOneLine(run(config, DEVICES), config, bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void aFileTheConfigurationNames(Bad bad, @TempDir Path dir) throws IOException {
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
    void anOwnRegisterMap(Bad bad, @TempDir Path dir) throws IOException {
        Path devices = Files.createDirectory(dir.resolve("devices"));
        Path map = bad.make(devices.resolve("chint-dtsu666.yaml"));
        Path config = example(dir, List.of());

        OrderlyRun r = run(config, devices.toString());

        assertOneLine(r, map, bad);
        assertThat(r.err()).contains("register map 'chint-dtsu666' cannot be read: ");
    }

    private static OrderlyRun run(Path config, String devices) {
        return OrderlyRun.of("check-config", "--devices", devices, config.toString());
    }

    private static void assertOneLine(OrderlyRun r, Path file, Bad bad) {
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
