package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.tools.testing.OrderlyRun;

/**
 * An option the chosen link does not use (a key for a plain bridge, a baud rate for a Modbus TCP host) is refused in
 * one line, exit 2, before anything is reached: the installer who gave it believes it counts. Serial ports here do not
 * exist and TCP goes to loopback port 1, so nothing is reached even when the refusal is missing.
 */
class OptionsNotForTheLinkTest {
    private static final String DEVICES = "../config/devices";

    @TempDir
    static Path dir;

    static Stream<Arguments> notForTheLink() throws Exception {
        String tty = dir.resolve("no-such-tty").toString();
        Path key = Files.writeString(dir.resolve("k.psk"), "0123456789abcdef");
        return Stream.of(
                Arguments.of("--psk-identity applies to a DTLS bridge; with --plain leave it out",
                        List.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", "1", "--plain", "--psk-identity", "x",
                                "--wait-s", "1")),
                Arguments.of("--psk-file applies to a DTLS bridge; with --plain leave it out",
                        List.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port", "1", "--plain", "--psk-file", key.toString(),
                                "--wait-s", "1")),
                Arguments.of("--unit applies to a Modbus pile; with --coap leave it out",
                        List.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", "1", "--plain", "--unit", "3", "--wait-s", "1")),
                Arguments.of("--plain applies to a firmware-bridge (--coap); with --modbus-host leave it out",
                        List.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", "1", "--map", "piles/generic-pile",
                                "--plain", "--wait-s", "1")),
                Arguments.of("--baud applies to a serial line (--modbus-port); with --modbus-host leave it out",
                        List.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", "1", "--map", "piles/generic-pile",
                                "--baud", "19200", "--wait-s", "1")),
                Arguments.of("--tcp-port applies to Modbus TCP (--modbus-host); with --modbus-port leave it out",
                        List.of("pile", "get", "--modbus-port", tty, "--tcp-port", "1", "--map", "piles/generic-pile", "--wait-s", "1")),
                Arguments.of("--baud applies to a serial line (--port); with --host leave it out",
                        List.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", "1", "--baud", "9600,19200", "--unit", "1",
                                "--map", "chint-dtsu666")),
                Arguments.of("--parity applies to a serial line (--port); with --host leave it out",
                        List.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", "1", "--parity", "even", "--units", "1-1")),
                Arguments.of("--tcp-port applies to Modbus TCP (--host); with --port leave it out",
                        List.of("modbus", "read", "--port", tty, "--tcp-port", "503", "--unit", "1", "--map", "chint-dtsu666")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("notForTheLink")
    void isRefusedInOneLineWithExitTwo(String refusal, List<String> args) {
        String command = "orderly " + String.join(" ", args.subList(0, 2));
        OrderlyRun r = OrderlyRun.of(Stream.concat(args.stream(), Stream.of("--devices", DEVICES)).toArray(String[]::new));

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(command + ": " + refusal + " (see '" + command + " --help')");
        assertThat(r.out()).isEmpty();
    }
}
