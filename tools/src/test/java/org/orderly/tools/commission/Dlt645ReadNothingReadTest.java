package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code dlt645 read} when no quantity was read, for a reason other than silence or a refusal: each says what happened
 * and what to check, never "answered no request" of a line that carried replies (until 2026-12-03 every quantity
 * garbled was "answered no request: garbled answers from address ...: a wrong baud rate or parity, or two devices with
 * this address", also of replies that all came whole from another address). The simulated meter across a socat pty
 * pair.
 */
class Dlt645ReadNothingReadTest {

    @TempDir
    Path dir;

    @Test
    void repliesThatFailTheirChecksumPointAtTheWiringAndLineSettings() throws Exception {
        OrderlyRun r = readWith("{\"meters\": {\"000000123456\": {\"02030000\": 1.5}}, \"bad_checksum\": [\"000000123456\"]}");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("power.total.kw\\s+\\(garbled\\)");
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("orderly dlt645 read: meter 000000123456 on " + dir.resolve("ttyMaster") + " replied to every "
                        + "quantity, but garbled (a reply whose checksum, framing or content is wrong): check the wiring")
                .contains("termination").contains("--baud and --parity").doesNotContain("answered no request");
    }

    @Test
    void repliesFromAnotherAddressPointAtTheAddress() throws Exception {
        OrderlyRun r = readWith("{\"meters\": {\"000000123456\": {\"02030000\": 1.5}}, "
                + "\"wrong_address\": {\"000000123456\": \"000000999999\"}}");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n")
                .isEqualTo("orderly dlt645 read: meter 000000123456 on " + dir.resolve("ttyMaster") + ": every reply came from "
                        + "address 000000999999, not 000000123456 (garbled): check --address (orderly dlt645 address reads it "
                        + "from a meter alone on the line)");
    }

    /** Something is at the path (a file, not a serial device): until 2026-12-03 jSerialComm's "missing, busy or not permitted". */
    @Test
    void aPortThatCannotBeOpenedPointsAtThePathAndPermissions() throws Exception {
        Path notSerial = Files.writeString(dir.resolve("ttyUSB0"), "not a serial port");
        for (String command : new String[] {"read", "address"}) {
            OrderlyRun r = command.equals("read")
                    ? OrderlyRun.of("dlt645", "read", "--port", notSerial.toString(), "--address", "123456", "--timeout-ms", "100")
                    : OrderlyRun.of("dlt645", "address", "--port", notSerial.toString(), "--timeout-ms", "100");

            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).doesNotContain("\n")
                    .isEqualTo("orderly dlt645 " + command + ": serial port " + notSerial + " is there but cannot be opened (error "
                            + "25: not a serial device); check that --port names the RS-485 adapter (ls /dev/serial/by-id/ lists "
                            + "them), that this user may open it (ls -l " + notSerial + ": the dialout group) and that no other "
                            + "program holds it (the gateway service: stop it)");
        }
        OrderlyRun absent = OrderlyRun.of("dlt645", "read", "--port", dir.resolve("ttyUSB9").toString(), "--address", "123456");
        assertThat(absent.exit()).isEqualTo(1);
        assertThat(absent.err().strip()).startsWith("orderly dlt645 read: no serial port " + dir.resolve("ttyUSB9")
                + ": nothing is at that path; check --port");
    }

    private OrderlyRun readWith(String spec) throws Exception {
        String python = ExternalTools.require("python3-pymodbus"); // brings python3-serial
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir); Dlt645Sim meter = Dlt645Sim.start(python, dir, line, spec)) {
            // Every reply must arrive (garbled is the outcome, not a timeout): a generous wait, which ends with the
            // reply, for a loaded machine
            return OrderlyRun.of("dlt645", "read", "--port", line.master.toString(), "--address", "123456", "--timeout-ms", "10000");
        }
    }
}
