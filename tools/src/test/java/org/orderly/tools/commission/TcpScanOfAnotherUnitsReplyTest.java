package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} of a Modbus TCP server whose first answer is another unit's exception reply (raw_modbus_tcp.py
 * {@code refuse 2}: exception 02 from unit 2 whatever unit is asked, as a TCP-to-RS-485 gateway passing on a late
 * refusal of unit 2 would answer unit 1). It is a Modbus TCP reply, refused as unit 1's: the scan says where it came
 * from and goes on to unit 2, which answers (refusing the registers asked: no map fits); {@code modbus read} says the
 * same. Until the follow-up of 2026-12-07 both said the server does not answer Modbus TCP, and the scan stopped there.
 */
class TcpScanOfAnotherUnitsReplyTest {

    @TempDir
    Path dir;

    @Test
    void anotherUnitsExceptionAsTheFirstAnswerIsSaidAndTheScanGoesOn() throws Exception {
        try (RawModbusTcp server = RawModbusTcp.start(dir, "refuse", "2")) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", server.portText(), "--units",
                    "1-2", "--timeout-ms", "2000", "--devices", "../config/devices");

            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp://")).toList();
            assertThat(r.err()).as(r.out() + r.err()).doesNotContain("does not answer Modbus TCP");
            assertThat(rows).as(r.out() + r.err()).hasSize(2);
            assertThat(rows.get(0)).matches("tcp://\\S+\\s+1\\s+\\?\\s+-\\s+a Modbus TCP reply came from unit 2, not unit 1 "
                    + "asked: .*; read it with --unit 2 if unit 2 is the meter");
            assertThat(rows.get(1)).matches("tcp://\\S+\\s+2\\s+.*");
            assertThat(r.exit()).as(r.err()).isZero();
        }
    }

    /** {@code orderly modbus read} of unit 1 says the same, not that the server does not answer Modbus TCP. */
    @Test
    void aReadAnsweredByAnotherUnitsExceptionSaysWhereItCameFrom() throws Exception {
        try (RawModbusTcp server = RawModbusTcp.start(dir, "refuse", "2")) {
            OrderlyRun r = WrongReplyAdviceTest.read(server);

            assertThat(WrongReplyAdviceTest.lastLine(r.err())).as(r.out() + r.err()).startsWith("orderly modbus read: unit 1 on "
                    + "tcp://127.0.0.1:" + server.port() + ": a Modbus TCP reply came from unit 2, not unit 1 asked: ")
                    .endsWith("; give --unit 2 if unit 2 is the meter");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
        }
    }

    /**
     * {@code orderly selftest} of a transformer meter at unit 1 says the same in its row. Until 2026-12-07 (tcp60) it said
     * {@code garbled answers from unit 1: a wrong baud rate or parity, or two devices with this unit id on the line}: the
     * wire's ask does not say an exception frame, and the row fell back to the garbled failure's words.
     */
    @Test
    void selftestSaysAnotherUnitsExceptionAsWhereItCameFrom() throws Exception {
        try (RawModbusTcp server = RawModbusTcp.start(dir, "refuse", "2"); Bridge pile = new Bridge("p1")) {
            Path config = Files.writeString(dir.resolve("orderly.yaml"), OnePileGateway.yaml("rig", pile.port(), server.port(),
                    1000));
            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", "../config/devices");

            String row = r.out().lines().filter(l -> l.startsWith("transformer")).findFirst()
                    .orElseThrow(() -> new AssertionError(r.out() + r.err()));
            assertThat(row).contains("FAIL", "a Modbus TCP reply came from unit 2, not unit 1 asked: ",
                    "; set its unit: 2 if unit 2 is the meter").doesNotContain("baud rate or parity");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        }
    }
}
