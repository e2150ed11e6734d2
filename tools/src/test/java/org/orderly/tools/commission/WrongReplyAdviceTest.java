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
 * The commissioning commands against a meter that answers wrongly (a raw Modbus TCP server on 127.0.0.1, {@link
 * RawModbusTcp}): a reply cut short, or with a byte count its data does not fill, is said as what came and where, with
 * a converter's advice, not "cannot reach ... check --host and --tcp-port" (the meter did answer); a reply from another
 * unit names it and advises --unit, not --tcp-port; a float's 3.4E38 is said as the gateway says a reading, not in 39
 * digits, and still fails. Until 2026-12-06 each said the former.
 */
class WrongReplyAdviceTest {
    private static final Path DEVICES = Path.of("../config/devices");
    /** chint-dtsu666's first request: two registers (a float) of function 3, 13 bytes whole; half the data came. */
    private static final String CUT_SHORT = "a reply of 11 bytes where 13 were due, from 127.0.0.1:%d unit 1, register 0x[0-9A-F]{4} "
            + "\\(fc 3, 2 registers\\): the meter answered, but cut short or with a wrong byte count; .*RS-485 converter's "
            + "settings.*max_words in the register map\\)";

    @TempDir
    Path dir;

    /** {@code orderly modbus read} of {@code meter} as unit 1, chint-dtsu666, a 2 s timeout (WireReplyTest's too). */
    static OrderlyRun read(RawModbusTcp meter) {
        return OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", meter.portText(), "--unit", "1", "--map",
                "chint-dtsu666", "--timeout-ms", "2000", "--devices", DEVICES.toString());
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aReplyCutShortIsSaidAsWhatCameNotAsALineThatCannotBeReached() throws Exception {
        for (String mode : List.of("cut", "count", "fewer")) {
            try (RawModbusTcp meter = RawModbusTcp.start(dir, mode)) {
                OrderlyRun r = read(meter);
                assertThat(r.exit()).as(mode + ": " + r.err()).isEqualTo(1);
                assertThat(lastLine(r.err())).as(mode).doesNotContain("cannot reach").doesNotContain("not a Modbus TCP server")
                        .matches("orderly modbus read: " + CUT_SHORT.formatted(meter.port()));
            }
        }
    }

    @Test
    void aReplyFromAnotherUnitAdvisesTheUnitThatAnsweredNotTheTcpPort() throws Exception {
        try (RawModbusTcp meter = RawModbusTcp.start(dir, "unit", "7")) {
            OrderlyRun r = read(meter);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(lastLine(r.err())).doesNotContain("--tcp-port").startsWith("orderly modbus read: a reply from unit 7 to a "
                    + "request to 127.0.0.1:" + meter.port() + " unit 1, register 0x").contains("give --unit 7 if unit 7 is the meter");
        }
    }

    @Test
    void aScanListsTheUnitsThatAnswerWronglyAndGoesOn() throws Exception {
        try (RawModbusTcp cut = RawModbusTcp.start(dir, "cut"); RawModbusTcp other = RawModbusTcp.start(dir, "unit", "7")) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", cut.portText(), "--units", "1-2",
                    "--timeout-ms", "2000", "--devices", DEVICES.toString());
            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp://")).toList();
            assertThat(rows).as(r.out() + r.err()).hasSize(2);
            // the scan's first request to a unit is one register: 11 bytes whole, the header and byte count only came
            assertThat(rows.get(1)).contains("a reply of 9 bytes where 11 were due, from 127.0.0.1:" + cut.port() + " unit 2");
            assertThat(r.err()).doesNotContain("cannot reach");

            OrderlyRun o = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", other.portText(), "--units", "1-1",
                    "--timeout-ms", "2000", "--devices", DEVICES.toString());
            assertThat(o.out().lines().filter(l -> l.startsWith("tcp://")).toList()).as(o.out() + o.err()).singleElement().asString()
                    .contains("a reply from unit 7 to a request to 127.0.0.1:" + other.port() + " unit 1")
                    .contains("read it with --unit 7");
            assertThat(o.err()).doesNotContain("--tcp-port");
        }
    }

    @Test
    void selftestSaysTheReplyCutShortAndTheUnitThatAnswered() throws Exception {
        try (RawModbusTcp cut = RawModbusTcp.start(dir, "count"); RawModbusTcp other = RawModbusTcp.start(dir, "unit", "7");
                Bridge pile = new Bridge("p1")) {
            Path config = Files.writeString(dir.resolve("cut.yaml"), OnePileGateway.yaml("rig", pile.port(), cut.port(), 1000));
            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(transformerRow(r)).contains("FAIL").contains(" bytes where ").contains("RS-485 converter")
                    .doesNotContain("cannot reach");

            config = Files.writeString(dir.resolve("other.yaml"), OnePileGateway.yaml("rig", pile.port(), other.port(), 1000));
            OrderlyRun o = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString());
            assertThat(transformerRow(o)).contains("FAIL").contains("a reply from unit 7")
                    .contains("set its unit: 7 if unit 7 is the meter")
                    .doesNotContain("baud rate or parity");
        }
    }

    private static String transformerRow(OrderlyRun r) {
        return r.out().lines().filter(l -> l.startsWith("transformer")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out() + r.err()));
    }

    @Test
    void aFloatsHugestValueIsSaidReadablyAndStillFails() throws Exception {
        try (RawModbusTcp meter = RawModbusTcp.start(dir, "huge")) {
            OrderlyRun r = read(meter);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).doesNotContainPattern("\\d{20}").containsPattern("voltage.a.v\\s+3.39615136\\d*E37\\s+V");
            assertThat(lastLine(r.err())).doesNotContainPattern("\\d{20}")
                    .matches("orderly modbus read: unit 1 on tcp://127.0.0.1:\\d+, map chint-dtsu666: voltage.a.v = 3.39615136\\d*E37 V is "
                            + "implausible: a live supply reads .*");
        }
    }
}
