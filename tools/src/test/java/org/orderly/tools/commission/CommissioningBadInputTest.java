package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.tools.testing.OrderlyRun;

/**
 * Bad input to the commissioning commands is one line that names the command, the option and the value, and exit 2,
 * before any port is opened: not exit 1 with a bare file name, nor a scan that "finds" garbled replies on port 70000
 * and exits 0. Serial ports here do not exist and TCP goes to loopback only, so nothing is reached even when a check is
 * missing.
 */
class CommissioningBadInputTest {
    private static final String DEVICES = "../config/devices";

    @TempDir
    static Path dir;

    static Stream<Arguments> badInput() throws IOException {
        String tty = dir.resolve("no-such-tty").toString();
        Path config = Files.writeString(dir.resolve("loopback.yaml"), """
                gatewayId: g
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: 1, plain: true } } }
                meters:
                  transformer: { bus: b, unit: 1, map: chint-dtsu666 }
                buses:
                  - { name: b, tcp: { host: 127.0.0.1, port: 1 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                """);
        return Stream.of(
                Arguments.of("--wait-s", "0", List.of("pile", "get", "--coap", "127.0.0.1", "--coap-port", "1", "--plain",
                        "--wait-s", "0")),
                Arguments.of("--wait-s", "-1", List.of("pile", "set", "10", "--coap", "127.0.0.1", "--coap-port", "1", "--plain",
                        "--wait-s", "-1")),
                Arguments.of("--wait-s", "0", List.of("selftest", "--config", config.toString(), "--wait-s", "0")),
                Arguments.of("--map", "no-such-map", List.of("modbus", "read", "--port", tty, "--unit", "1", "--map", "no-such-map")),
                Arguments.of("--map", "piles/no-such-pile", List.of("pile", "get", "--modbus-port", tty, "--map", "piles/no-such-pile")),
                // a map of the other kind: a pile's for a meter, a meter's for a pile
                Arguments.of("--map", "piles/generic-pile", List.of("modbus", "read", "--port", tty, "--unit", "1", "--map",
                        "piles/generic-pile")),
                Arguments.of("--map", "chint-dtsu666", List.of("pile", "get", "--modbus-port", tty, "--map", "chint-dtsu666")),
                Arguments.of("--tcp-port", "70000",
                        List.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", "70000", "--units", "1-1")),
                Arguments.of("--stop-bits", "3", List.of("modbus", "scan", "--port", tty, "--stop-bits", "3", "--units", "1-1")),
                Arguments.of("--baud", "0", List.of("modbus", "scan", "--port", tty, "--baud", "9600,0", "--units", "1-1")),
                Arguments.of("--timeout-ms", "0", List.of("modbus", "read", "--port", tty, "--unit", "1", "--map", "eastron-sdm630",
                        "--timeout-ms", "0")),
                Arguments.of("--parity", "weird", List.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", "1", "--parity", "weird",
                        "--units", "1-1")),
                Arguments.of("--parity", "weird", List.of("dlt645", "address", "--port", tty, "--parity", "weird")),
                Arguments.of("--baud", "0", List.of("dlt645", "read", "--port", tty, "--address", "000000123456", "--baud", "0")),
                Arguments.of("--timeout-ms", "-5", List.of("dlt645", "address", "--port", tty, "--timeout-ms", "-5")),
                Arguments.of("--address", "12345X", List.of("dlt645", "read", "--port", tty, "--address", "12345X")),
                Arguments.of("--parity", "weird", List.of("pile", "get", "--modbus-port", tty, "--map", "piles/generic-pile",
                        "--parity", "weird")),
                Arguments.of("--tcp-port", "0", List.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", "0",
                        "--map", "piles/generic-pile")),
                // unit 0 is broadcast: every device on the line would take the limit, and none would answer
                Arguments.of("--unit", "0", List.of("pile", "set", "10", "--modbus-host", "127.0.0.1", "--tcp-port", "1", "--unit", "0",
                        "--map", "piles/generic-pile", "--wait-s", "1")),
                Arguments.of("--unit", "248", List.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", "1", "--unit", "248",
                        "--map", "piles/generic-pile", "--wait-s", "1")),
                Arguments.of("--unit", "0", List.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", "1", "--unit", "0",
                        "--map", "chint-dtsu666")),
                Arguments.of("AMPS", "81", List.of("pile", "set", "81", "--coap", "127.0.0.1", "--coap-port", "1", "--plain")),
                Arguments.of("--ttl-s", "4", List.of("pile", "set", "10", "--ttl-s", "4", "--coap", "127.0.0.1", "--coap-port", "1",
                        "--plain")));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badInput")
    void isOneLineNamingTheOptionAndExitTwo(String option, String value, List<String> args) {
        List<String> all = new ArrayList<>(args);
        if (!args.get(0).equals("dlt645")) { // the DL/T 645 commands read no register maps
            all.addAll(List.of("--devices", DEVICES));
        }
        OrderlyRun r = OrderlyRun.of(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(option).contains(value)
                .startsWith("orderly " + String.join(" ", args.subList(0, 2)).replaceFirst(" --.*| [0-9].*", "") + ": ");
        assertThat(r.out()).isEmpty();
    }
}
