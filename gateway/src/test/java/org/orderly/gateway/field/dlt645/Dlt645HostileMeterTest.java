package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A hostile DL/T 645-2007 meter on a real serial line (jSerialComm on a socat pty pair, dlt645_meter.py's {@code raw}
 * replies, written byte by byte here, on the other end): a digit above 9 in a value, the 0x33 left out, a reply cut
 * short, noise around a frame, an abnormal reply with each error byte, and a meter that answers twice. Whatever is
 * malformed gives no value (a {@link FieldReadException} saying what was wrong), never a wrong number; the line reads the
 * next request whole after each. (A bad checksum, a reply from another address or about another identifier:
 * {@link Dlt645Version1997Test}, {@link AbnormalReplyFromAnotherMeterTest}, {@code Dlt645SerialTest}.)
 */
class Dlt645HostileMeterTest {
    private static final Duration TIMEOUT = Duration.ofMillis(600);
    private static final String METER = "000000000001";

    @TempDir
    Path dir;

    /** A frame as the standard lays it out, built here independently of {@link Frame}: data as meant, +0x33 on the wire. */
    private static String frame(String address, int control, int[] data, boolean offset) {
        int[] body = new int[12 + data.length];
        body[0] = 0x68;
        for (int i = 0; i < 6; i++) {
            body[1 + i] = Integer.parseInt(address.substring(10 - 2 * i, 12 - 2 * i), 16);
        }
        body[7] = 0x68;
        body[8] = control;
        body[9] = data.length;
        int sum = 0;
        for (int i = 0; i < data.length; i++) {
            body[10 + i] = (data[i] + (offset ? 0x33 : 0)) & 0xFF;
        }
        for (int i = 0; i < 10 + data.length; i++) {
            sum += body[i];
        }
        body[10 + data.length] = sum & 0xFF;
        body[11 + data.length] = 0x16;
        StringBuilder s = new StringBuilder();
        for (int b : body) {
            s.append(String.format("%02X ", b));
        }
        return s.toString().strip();
    }

    private static String reply(int... data) {
        return frame(METER, 0x91, data, true);
    }

    /** What a test does with a client on one end of a socat pair, the simulated meters of its spec on the other. */
    private interface OnLine {
        void run(Dlt645Client client, SimulatedMeters meters) throws Exception;
    }

    private void onLine(String spec, OnLine test) throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, spec, line, 2400, "even");
                Dlt645Client client = new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(line.master.toString(),
                        2400, "even", 8, 1)), TIMEOUT, Ticker.SYSTEM)) {
            test.run(client, meters);
        }
    }

    @Test
    void malformedRepliesGiveNoValueAndTheLineReadsOn() throws Exception {
        // Keyed by the identifier asked: 02030000 total power (good, 12.3456 kW), 02030100 a nibble A, 02030200 the sign
        // byte's digit F, 02030300 the 0x33 left out, 02010100 cut short (the length byte says 6, 3 data bytes come, no checksum, no 16),
        // 02010200 cut short with a length and checksum that hold, 02010300 noise before, 02800002 noise after,
        // 02020200 current A's reply (1.5 A).
        String spec = """
                {"meters": {"%1$s": {"02030000": 12.3456, "02020100": 1.5}},
                 "raw": {"%1$s": {
                   "02030100": "%2$s", "02030200": "%3$s", "02030300": "%4$s", "02010100": "%5$s",
                   "02010200": "%6$s", "02010300": "%7$s", "02800002": "%8$s", "02020200": "%9$s"}}}
                """.formatted(METER,
                reply(0x00, 0x01, 0x03, 0x02, 0x56, 0x3A, 0x12),
                reply(0x00, 0x02, 0x03, 0x02, 0x56, 0x34, 0xF2),
                frame(METER, 0x91, new int[] {0x00, 0x03, 0x03, 0x02, 0x56, 0x34, 0x12}, false),
                reply(0x00, 0x01, 0x01, 0x02, 0x05, 0x23).substring(0, 3 * 13 - 1),
                reply(0x00, 0x02, 0x01, 0x02, 0x05),
                "00 FF 68 11 E5 68 12 " + reply(0x00, 0x03, 0x01, 0x02, 0x05, 0x23),
                reply(0x02, 0x00, 0x80, 0x02, 0x00, 0x50) + " 68 00 33 16 FF",
                reply(0x00, 0x01, 0x02, 0x02, 0x00, 0x15, 0x00));
        MeterAddress m = MeterAddress.parse(METER);
        onLine(spec, (client, meters) -> {
            assertThat(client.read(m, DataId.POWER_TOTAL)).isEqualTo(12.3456);

            assertGarbled(client, m, DataId.POWER_A, "byte 3A is not BCD");
            // F2 in a signed value's highest byte is no digit above 9: its top bit is the sign, 72 the digits (at most 79.9999).
            assertThat(client.read(m, DataId.POWER_B)).as("F2 is the sign bit and the digits 72").isEqualTo(-72.3456);
            assertGarbled(client, m, DataId.POWER_C, "reply answers another identifier");

            FieldReadException cut = catchThrowableOfType(FieldReadException.class, () -> client.read(m, DataId.VOLTAGE_A));
            assertThat(cut.kind()).as("%s", cut.getMessage()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(cut).hasMessageContaining("no complete reply within 600 ms; received");
            assertGarbled(client, m, DataId.VOLTAGE_B, "value of 1 bytes, expected 2");

            assertThat(client.read(m, DataId.VOLTAGE_C)).as("noise before the frame").isEqualTo(230.5);
            assertThat(client.read(m, DataId.FREQUENCY)).as("noise after the frame").isEqualTo(50.00);
            assertThat(client.read(m, DataId.CURRENT_A)).as("the line reads on").isEqualTo(1.5);
            // Asked current B, it gives current A's reply again, byte for byte: no value, garbled as any reply about
            // another identifier (not the repeat of a meter answering twice, passed over), after the wait for its own.
            assertGarbled(client, m, DataId.CURRENT_B, "no reply of its own within 600 ms, only the last request's answer again");
            assertThat(meters.log()).doesNotContain("Traceback");
        });
    }

    private static void assertGarbled(Dlt645Client client, MeterAddress m, DataId di, String why) {
        FieldReadException e = catchThrowableOfType(FieldReadException.class, () -> client.read(m, di));
        assertThat(e).as("%s gives no value", di).isNotNull();
        assertThat(e.kind()).as("%s", e.getMessage()).isEqualTo(FailureKind.GARBLED);
        assertThat(e).hasMessageContaining(di.toString()).hasMessageContaining(why);
    }

    @Test
    void anAbnormalReplyIsTheMetersRefusalWithEachErrorByteSpelledOut() throws Exception {
        String[] said = {"error byte 00: no bit set", "error byte 01: other error", "error byte 02: no such data",
            "error byte 04: password/authority error", "error byte 08: baud rate cannot be changed",
            "error byte 10: too many annual time zones", "error byte 20: too many daily periods",
            "error byte 40: too many tariffs", "error byte 80: reserved bit 7", "error byte 03: other error, no such data"};
        int[] errorBytes = {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x03};
        DataId[] asked = {DataId.ENERGY_IMPORT, DataId.ENERGY_EXPORT, DataId.ENERGY_IMPORT_A, DataId.ENERGY_IMPORT_B,
            DataId.ENERGY_IMPORT_C, DataId.VOLTAGE_A, DataId.VOLTAGE_B, DataId.VOLTAGE_C, DataId.CURRENT_A, DataId.CURRENT_B};
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < asked.length; i++) {
            errors.append(i == 0 ? "" : ", ").append(String.format("\"%08X\": %d", asked[i].id(), errorBytes[i]));
        }
        String spec = """
                {"meters": {"%1$s": {"02030000": 1.0}}, "errors": {"%1$s": {%2$s}},
                 "raw": {"%1$s": {"02020300": "%3$s"}}}
                """.formatted(METER, errors, frame(METER, 0xD1, new int[0], true));
        MeterAddress m = MeterAddress.parse(METER);
        onLine(spec, (client, meters) -> {
            for (int i = 0; i < asked.length; i++) {
                DataId di = asked[i];
                FieldReadException e = catchThrowableOfType(FieldReadException.class, () -> client.read(m, di));
                assertThat(e).as("%s gives no value", di).isNotNull();
                assertThat(e.kind()).as("%s", e.getMessage()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
                assertThat(e).hasMessageContaining(di + ": the meter refused, " + said[i]);
                assertThat(MeterRefusal.noSuchData(e)).as("%s", said[i]).isEqualTo((errorBytes[i] & 0x02) != 0);
            }
            FieldReadException none = catchThrowableOfType(FieldReadException.class, () -> client.read(m, DataId.CURRENT_C));
            assertThat(none.kind()).as("%s", none.getMessage()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
            assertThat(none).hasMessageContaining("the meter refused, no error byte");
            assertThat(client.read(m, DataId.POWER_TOTAL)).isEqualTo(1.0);
        });
    }

    @Test
    void aMeterAnsweringTwiceGivesNoWrongNumber() throws Exception {
        // The second answer is sent when the next request is heard, before that request's answer: what a master meets
        // when a meter repeats itself while the next exchange begins.
        String spec = """
                {"meters": {"%1$s": {"02030000": 12.3456, "02020100": 1.5}, "000000000002": {"02030000": 2.5}},
                 "twice_ms": {"%1$s": 60000}}
                """.formatted(METER);
        MeterAddress m = MeterAddress.parse(METER);
        onLine(spec, (client, meters) -> {
            assertThat(client.read(m, DataId.POWER_TOTAL)).isEqualTo(12.3456);
            assertThat(client.read(m, DataId.CURRENT_A)).as("the total's second answer is not the current").isEqualTo(1.5);
            assertThat(client.read(m, DataId.POWER_TOTAL)).isEqualTo(12.3456);
            // Its second answer comes in a request to another meter too: not that meter's, not a reply from another address.
            assertThat(client.read(MeterAddress.parse("2"), DataId.POWER_TOTAL)).isEqualTo(2.5);
            // Asked the same identifier again, the second answer to the last request is this one's: the meter's own value
            // of that quantity, one exchange old (a DL/T 645 reply carries nothing that tells the two apart).
            assertThat(client.read(m, DataId.CURRENT_A)).isEqualTo(1.5);
            assertThat(client.read(m, DataId.CURRENT_A)).isEqualTo(1.5);
            assertThat(meters.log()).contains("answered again, before the next request");
        });
    }

    /**
     * A read waited on longer (the poller's near a cycle's end, and its late asking again) is another client on the same
     * line: the meter's second answer to the other client's last request comes in it, and the other way round.
     */
    @Test
    void aMeterAnsweringTwiceIsReadByAClientWaitingLongerOnTheSameLine() throws Exception {
        String spec = """
                {"meters": {"%1$s": {"02030000": 12.3456, "02020100": 1.5}},
                 "twice_ms": {"%1$s": 60000}}
                """.formatted(METER);
        MeterAddress m = MeterAddress.parse(METER);
        onLine(spec, (client, meters) -> {
            assertThat(client.read(m, DataId.POWER_TOTAL)).isEqualTo(12.3456);
            Dlt645Client longer = client.waiting(Duration.ofMillis(900));
            assertThat(longer.read(m, DataId.CURRENT_A)).as("after the poller's read").isEqualTo(1.5);
            assertThat(client.read(m, DataId.POWER_TOTAL)).as("after the longer wait's read").isEqualTo(12.3456);
        });
    }

}
