package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Version;
import org.orderly.gateway.field.dlt645.Frame;
import org.orderly.gateway.field.dlt645.MeterAddress;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly dlt645 read} of a hostile meter on a socat pty pair (the gateway's simulated meter): one that answers
 * every request twice, whose total power has a digit above 9 and whose voltage comes with noise before the frame. The
 * malformed value is a marked row, no number; every other quantity is read (gateway's {@code Dlt645HostileMeterTest}
 * has each malformed reply at the client).
 */
class Dlt645HostileMeterReadTest {
    /** Meter 000000123456's reply to 02030000 with the value bytes 56 3A 12 (+0x33: 89 6D 45): A is no decimal digit. */
    private static final String NOT_BCD = "68 56 34 12 00 00 00 68 91 07 33 33 36 35 89 6D 45 10 16";
    /** Its reply to 02010100 (231.4 V), noise before it (a 68 among it that starts no frame). */
    private static final String NOISE_FIRST = "00 FF 68 11 68 56 34 12 00 00 00 68 91 06 33 34 34 35 47 56 70 16";

    @TempDir
    Path dir;

    /**
     * A meter whose every value has digits above 9, in replies whose checksums hold: the line carried them whole, so its
     * settings are not what is wrong (until 2026-12-06 the advice sent the installer to the wiring and the baud rate).
     */
    @Test
    void aMeterWhoseEveryValueIsNotBcdIsSaidSoAndNotTheLine() throws Exception {
        String python = ExternalTools.require("python3-pymodbus"); // brings python3-serial
        String socat = ExternalTools.require("socat");
        MeterAddress address = MeterAddress.parse("000000123456");
        Map<String, String> raw = new LinkedHashMap<>();
        for (DataId di : DataId.all(Dlt645Version.V2007)) {
            byte[] value = new byte[di.bytes()];
            Arrays.fill(value, (byte) 0xAA);
            byte[] data = Arrays.copyOf(di.wireBytes(), 4 + value.length);
            System.arraycopy(value, 0, data, 4, value.length);
            raw.put(String.format("%08X", di.id()), HexFormat.ofDelimiter(" ").formatHex(new Frame(address, 0x91, data).bytes()));
        }
        String spec = "{\"meters\": {\"000000123456\": {}}, \"raw\": {\"000000123456\": "
                + new ObjectMapper().writeValueAsString(raw) + "}}";
        try (SocatPair line = new SocatPair(socat, dir);
                Dlt645Sim meter = Dlt645Sim.start(python, dir, line, spec)) {
            OrderlyRun read = OrderlyRun.of("dlt645", "read", "--port", line.master.toString(), "--address", "123456");
            assertThat(read.exit()).as(read.out() + read.err()).isEqualTo(1);
            assertThat(read.out()).containsPattern("voltage.a.v\\s+\\(garbled\\)");
            assertThat(read.err().strip()).doesNotContain("\n").doesNotContain("baud").isEqualTo("orderly dlt645 read: meter "
                    + address + " on " + line.master + " replied to every quantity in whole replies, their checksums right,"
                    + " but with values that are not BCD digits (DI 00010000 (energy.import.kwh): byte AA is not BCD): the"
                    + " line and its settings are right; the meter writes its values otherwise than DL/T 645 has them (ask"
                    + " its maker)");
        }
    }

    @Test
    void aMeterAnsweringTwiceIsReadWholeAndItsMalformedValueIsNoNumber() throws Exception {
        String python = ExternalTools.require("python3-pymodbus"); // brings python3-serial
        String socat = ExternalTools.require("socat");
        String spec = """
                {"meters": {"000000123456": {"00010000": 99.5, "00020000": 1.25, "00150000": 30, "00290000": 31,
                   "003D0000": 32, "02010100": 1, "02010200": 230.1, "02010300": 229.9, "02020100": 6.5, "02020200": 6.1,
                   "02020300": 6.2, "02030000": 1, "02030100": 1.4, "02030200": 1.3, "02030300": 1.2, "02800002": 50.01}},
                 "raw": {"000000123456": {"02030000": "%s", "02010100": "%s"}},
                 "twice_ms": {"000000123456": 60000}}
                """.formatted(NOT_BCD, NOISE_FIRST);
        try (SocatPair line = new SocatPair(socat, dir);
                Dlt645Sim meter = Dlt645Sim.start(python, dir, line, spec)) {
            OrderlyRun read = OrderlyRun.of("dlt645", "read", "--port", line.master.toString(), "--address", "123456",
                    "--timeout-ms", "10000");
            assertThat(read.exit()).as(read.out() + read.err()).isEqualTo(1);
            assertThat(read.out()).containsPattern("power.total.kw\\s+\\(garbled\\)")
                    .containsPattern("voltage.a.v\\s+231.4000\\s+V")
                    .containsPattern("voltage.b.v\\s+230.1000\\s+V")
                    .containsPattern("current.a.a\\s+6.5000\\s+A")
                    .containsPattern("power.a.kw\\s+1.4000\\s+kW")
                    .containsPattern("frequency.hz\\s+50.0100\\s+Hz");
            assertThat(read.err().strip()).doesNotContain("\n")
                    .startsWith("orderly dlt645 read: 1 of 16 quantities of meter 000000123456 on " + line.master
                            + " failed (garbled)")
                    // the reply arrived whole, its checksum right: the line's baud rate is not what is wrong (it was
                    // blamed until 2026-12-06)
                    .contains("garbled a value the meter sent that is not BCD digits (DI 02030000 (power.total.kw): byte 3A "
                            + "is not BCD) in a whole reply, its checksum right: the meter's own, not the line's")
                    .doesNotContain("baud");
        }
    }
}
