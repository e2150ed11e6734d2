package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A serial port that is not there (an adapter unplugged, or a typo in --port) is one line naming the command and the
 * port and pointing at --port, exit 1: not jSerialComm's "invalid port descriptor" with no command, nor advice to check
 * --host and --tcp-port on a line that has none.
 */
class AbsentSerialPortTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> commands() {
        String tty = dir.resolve("ttyUSB7").toString();
        return Stream.of(
                Arguments.of("modbus read", List.of("modbus", "read", "--devices", "../config/devices", "--port", tty, "--unit", "1",
                        "--map", "chint-dtsu666", "--timeout-ms", "100")),
                Arguments.of("modbus scan", List.of("modbus", "scan", "--devices", "../config/devices", "--port", tty, "--units", "1-1",
                        "--timeout-ms", "100")),
                Arguments.of("dlt645 address", List.of("dlt645", "address", "--port", tty, "--timeout-ms", "100")),
                Arguments.of("dlt645 read", List.of("dlt645", "read", "--port", tty, "--address", "000000123456", "--timeout-ms", "100")));
    }

    static Stream<Arguments> pileCommands() {
        String tty = dir.resolve("ttyUSB7").toString();
        List<String> line = List.of("--devices", "../config/devices", "--modbus-port", tty, "--map", "piles/generic-pile",
                "--wait-s", "1");
        return Stream.of(
                Arguments.of("pile get", Stream.concat(Stream.of("pile", "get"), line.stream()).toList()),
                Arguments.of("pile set", Stream.concat(Stream.of("pile", "set", "10"), line.stream()).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pileCommands")
    void aModbusPileNamesThePortAndPointsAtModbusPortOption(String command, List<String> args) {
        String tty = dir.resolve("ttyUSB7").toString();
        OrderlyRun run = OrderlyRun.of(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        String err = run.err().strip();
        assertThat(err).as("one line").doesNotContain("\n");
        assertThat(err).startsWith("orderly " + command + ": ")
                .contains("no serial port " + tty)
                .contains("check --modbus-port")
                .doesNotContain("host").doesNotContain("invalid port descriptor");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void namesThePortAndPointsAtPortOption(String command, List<String> args) {
        String tty = dir.resolve("ttyUSB7").toString();
        OrderlyRun run = OrderlyRun.of(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        String err = run.err().strip();
        assertThat(err).as("one line").doesNotContain("\n");
        assertThat(err).startsWith("orderly " + command + ": ")
                .contains("no serial port " + tty)
                .contains("--port")
                .doesNotContain("--host").doesNotContain("--tcp-port").doesNotContain("invalid port descriptor");
    }
}
