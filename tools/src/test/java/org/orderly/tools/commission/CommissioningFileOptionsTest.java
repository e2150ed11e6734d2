package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A file or directory option of a commissioning command that names nothing usable (missing, a directory where a file
 * belongs or the other way round, empty, unreadable) is bad input: one line naming the option and the path, exit 2,
 * before anything is opened. Not exit 1 with Java's exception text. Peers are loopback ports nobody serves.
 */
class CommissioningFileOptionsTest {
    private static final String DEVICES = "../config/devices";

    @TempDir
    static Path dir;

    static Stream<Arguments> unusable() throws IOException {
        String missing = dir.resolve("missing.key").toString();
        String directory = Files.createDirectories(dir.resolve("a-directory")).toString();
        String empty = Files.writeString(dir.resolve("empty.key"), "\n").toString();
        String noDevices = dir.resolve("no-devices").toString();
        String notADirectory = Files.writeString(dir.resolve("devices.txt"), "not maps").toString();
        List<String> coap = List.of("--coap", "127.0.0.1", "--coap-port", "1", "--psk-identity", "p01");
        return Stream.of(
                Arguments.of("--psk-file", missing, concat(List.of("pile", "get"), coap, List.of("--psk-file", missing))),
                Arguments.of("--psk-file", directory, concat(List.of("pile", "set", "10"), coap, List.of("--psk-file", directory))),
                Arguments.of("--psk-file", empty, concat(List.of("pile", "get"), coap, List.of("--psk-file", empty))),
                Arguments.of("--devices", noDevices, List.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", "1",
                        "--units", "1-1", "--devices", noDevices)),
                Arguments.of("--devices", notADirectory, List.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", "1",
                        "--units", "1-1", "--devices", notADirectory)),
                Arguments.of("--devices", noDevices, List.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", "1",
                        "--unit", "1", "--map", "chint-dtsu666", "--devices", noDevices)),
                Arguments.of("--devices", noDevices, List.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", "1",
                        "--map", "piles/generic-pile", "--devices", noDevices)),
                Arguments.of("--config", missing, concat(List.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", "1",
                        "--plain"), List.of("--config", missing))),
                Arguments.of("--config", directory, concat(List.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port",
                        "1", "--plain"), List.of("--config", directory))),
                Arguments.of("--config", missing, List.of("selftest", "--config", missing, "--devices", DEVICES)),
                Arguments.of("--config", missing, List.of("run", "--config", missing, "--devices", DEVICES)),
                Arguments.of("--config", directory, List.of("selftest", "--config", directory, "--devices", DEVICES)),
                Arguments.of("--devices", noDevices, List.of("selftest", "--config", directory, "--devices", noDevices)));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("unusable")
    void isOneLineNamingTheOptionAndThePathAndExitTwo(String option, String path, List<String> args) {
        OrderlyRun r = OrderlyRun.of(args.toArray(String[]::new));
        assertOneLineNaming(r, option, path);
        // and the command, as every refusal does: a unit's journal or an installer's terminal may hold several
        String command = String.join(" ", args.subList(0, 2)).replaceFirst(" --.*| [0-9].*", "");
        assertThat(r.err().strip()).startsWith("orderly " + command + ": ");
    }

    @Test
    void anUnreadableFileOrDirectoryIsOneLineToo() throws IOException {
        Path key = Files.writeString(dir.resolve("locked.key"), "secret");
        Path config = Files.writeString(dir.resolve("locked.yaml"), "gatewayId: g\n");
        Path devices = Files.createDirectories(dir.resolve("locked-devices"));
        for (Path p : List.of(key, config, devices)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        }
        assumeFalse(Files.isReadable(key), "root reads any file: run as an ordinary user to check this");

        assertOneLineNaming(OrderlyRun.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", "1", "--psk-identity", "p01",
                "--psk-file", key.toString()), "--psk-file", key.toString());
        assertOneLineNaming(OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES),
                "--config", config.toString());
        assertOneLineNaming(OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", "1", "--units", "1-1",
                "--devices", devices.toString()), "--devices", devices.toString());
    }

    private static void assertOneLineNaming(OrderlyRun r, String option, String path) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(option + " " + path + ": ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }
}
