package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.tools.testing.OrderlyRun;

/**
 * An installer going from one commissioning command to the next gives one the other's option: {@code modbus scan
 * --port} to {@code pile get}, which has {@code --coap-port}, {@code --modbus-port} and {@code --tcp-port}; the
 * bridge's {@code --psk-key-file} to {@code pile get}, which has {@code --psk-file}. picocli's spelling suggestions find
 * none of these (or the wrong one, {@code --psk-identity}); the line names the options of the same words. Until
 * 2026-12-05: {@code orderly pile get: Unknown options: '--port', '5683' (see 'orderly pile get --help')}.
 */
class OptionOfAnotherCommandTest {

    private static void refused(String line, String... args) {
        OrderlyRun r = OrderlyRun.of(args);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).containsExactly(line);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anOptionOfAnotherCommandIsToldTheOptionsOfTheSameWords() {
        refused("orderly pile get: Unknown options: '--port', '5683'; did you mean --coap-port, --modbus-port or --tcp-port? "
                + "(see 'orderly pile get --help')", "pile", "get", "--coap", "127.0.0.1", "--plain", "--port", "5683");
        refused("orderly pile get: Unknown options: '--host', '127.0.0.1'; did you mean --coap or --modbus-host? "
                + "(see 'orderly pile get --help')", "pile", "get", "--host", "127.0.0.1", "--plain");
        refused("orderly pile get: Unknown options: '--psk-key-file', 'keys/p01.psk'; did you mean --psk-file? "
                + "(see 'orderly pile get --help')", "pile", "get", "--coap", "127.0.0.1", "--psk-identity", "p01",
                "--psk-key-file", "keys/p01.psk");
        refused("orderly modbus read: Unknown options: '--modbus-host', '127.0.0.1'; did you mean --host? "
                + "(see 'orderly modbus read --help')", "modbus", "read", "--modbus-host", "127.0.0.1", "--unit", "1", "--map",
                "chint-dtsu666");
    }

    @Test
    void aMisspeltOptionIsStillToldTheNearestSpelling() {
        refused("orderly check-config: Unknown option: '--conifg'; did you mean --config? (see 'orderly check-config --help')",
                "check-config", "--conifg");
    }

    /**
     * An option group's message (neither of two options that one must be given, or both) is said as every other line
     * is: until 2026-12-06 picocli's {@code Error: } came after the command's name ({@code orderly modbus scan: Error:
     * Missing required argument ...}), as if a second program spoke.
     */
    @Test
    void anOptionGroupsMessageIsSaidWithoutPicoclisErrorPrefix() {
        refused("orderly modbus scan: Missing required argument (specify one of these): (--port=DEVICE | --host=HOST) "
                + "(see 'orderly modbus scan --help')", "modbus", "scan");
        refused("orderly dlt645 read: --port=DEVICE, --tcp=HOST:PORT are mutually exclusive (specify only one) "
                + "(see 'orderly dlt645 read --help')", "dlt645", "read", "--address", "1", "--port", "/dev/ttyUSB0", "--tcp",
                "127.0.0.1:8899");
    }
}
