package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Frames published by others, byte for byte. Source: the open-source Go implementation cqqqq/go645
 * (github.com/cqqqq/go645, protocol test file), whose comments record exchanges with real DL/T 645-2007
 * meters: the broadcast address read {@code FE FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16} (also the
 * frame most vendor manuals print for "read address") and its reply from meter 000000000001, a read of DI
 * 00010000 (forward active energy) from that meter and its reply 112280.26 kWh, and the address reply of
 * meter 002241020208. Our encoder must produce the requests exactly and our scanner must accept the
 * replies, so checksum, the +0x33 offset and the reversed BCD address are checked against outside data.
 */
class PublishedFramesTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static byte[] hex(String s) {
        return HEX.parseHex(s.toLowerCase());
    }

    @Test
    void broadcastAddressReadIsTheWellKnownFrame() {
        Frame f = new Frame(MeterAddress.BROADCAST, ControlCode.READ_ADDRESS, new byte[0]);
        assertThat(HEX.formatHex(f.withPreamble()).toUpperCase()).isEqualTo("FE FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16");
    }

    @Test
    void addressReplyOfMeterOne() {
        Frame f = found("68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16");
        assertThat(f.address()).isEqualTo(new MeterAddress("000000000001"));
        assertThat(f.control()).isEqualTo(0x93);
        assertThat(MeterAddress.fromWire(f.data(), 0)).isEqualTo(new MeterAddress("000000000001"));
    }

    @Test
    void addressReplyWithReversedBcdDigits() {
        Frame f = found("68 08 02 02 41 22 00 68 93 06 3B 35 35 74 55 33 79 16");
        assertThat(f.address()).isEqualTo(new MeterAddress("002241020208"));
        assertThat(MeterAddress.fromWire(f.data(), 0)).isEqualTo(new MeterAddress("002241020208"));
        assertThat(HEX.formatHex(new MeterAddress("002241020208").wireBytes())).isEqualTo("08 02 02 41 22 00");
    }

    @Test
    void readForwardActiveEnergyRequest() {
        Frame f = new Frame(new MeterAddress("000000000001"), ControlCode.READ_DATA, DataId.ENERGY_IMPORT.wireBytes());
        assertThat(HEX.formatHex(f.bytes()).toUpperCase()).isEqualTo("68 01 00 00 00 00 00 68 11 04 33 33 34 33 B3 16");
    }

    @Test
    void readForwardActiveEnergyReply() {
        Frame f = found("68 01 00 00 00 00 00 68 91 08 33 33 34 33 59 b3 55 44 dc 16");
        assertThat(f.control()).isEqualTo(0x91);
        byte[] d = f.data();
        assertThat(HEX.formatHex(d, 0, 4)).isEqualTo("00 00 01 00");
        assertThat(DataId.ENERGY_IMPORT.decode(d, 4)).isEqualTo(112280.26);
    }

    /**
     * A DL/T 645-1997 exchange printed in Heyuan Intelligence's ASDU-LS manual (its "1997 DL/645 protocol configuration"
     * screen, manualshive.com): the read of B611 (phase A voltage) from meter 000000000003 and its reply, 0100 V.
     */
    @Test
    void a1997ReadOfPhaseAVoltageIsTheManualsFrame() {
        Frame f = new Frame(new MeterAddress("000000000003"), Dlt645Version.V1997.readData(), DataId.VOLTAGE_A_1997.wireBytes());
        assertThat(HEX.formatHex(f.bytes()).toUpperCase()).isEqualTo("68 03 00 00 00 00 00 68 01 02 44 E9 03 16");
    }

    @Test
    void a1997ReplyOfPhaseAVoltage() {
        Frame f = found("68 03 00 00 00 00 00 68 81 04 44 E9 33 34 EC 16");
        assertThat(f.control()).isEqualTo(0x81);
        byte[] d = f.data();
        assertThat(HEX.formatHex(d, 0, 2)).isEqualTo("11 b6");
        assertThat(DataId.VOLTAGE_A_1997.decode(d, 2)).isEqualTo(100.0);
    }

    @Test
    void preambleAndNoiseBeforeAFrameAreSkipped() {
        byte[] wire = hex("00 FE FE 68 12 FE FE FE FE 68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16");
        FrameScanner.Scan s = FrameScanner.scan(wire, wire.length);
        assertThat(s).isInstanceOf(FrameScanner.Scan.Found.class);
        assertThat(((FrameScanner.Scan.Found) s).end()).isEqualTo(wire.length);
    }

    @Test
    void aChangedByteBreaksTheChecksum() {
        byte[] wire = hex("68 01 00 00 00 00 00 68 91 08 33 33 34 33 59 b3 55 45 dc 16");
        assertThat(FrameScanner.scan(wire, wire.length)).isEqualTo(new FrameScanner.Scan.Corrupt("checksum DC, computed DD"));
    }

    @Test
    void aMissingEndByteIsCorrupt() {
        byte[] wire = hex("68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 17");
        assertThat(FrameScanner.scan(wire, wire.length)).isInstanceOf(FrameScanner.Scan.Corrupt.class);
    }

    @Test
    void aFrameCutShortIsIncomplete() {
        byte[] wire = hex("FE FE 68 01 00 00 00 00 00 68 93 06 34 33 33");
        assertThat(FrameScanner.scan(wire, wire.length)).isInstanceOf(FrameScanner.Scan.Incomplete.class);
    }

    private static Frame found(String s) {
        byte[] wire = hex(s);
        FrameScanner.Scan scan = FrameScanner.scan(wire, wire.length);
        assertThat(scan).as(s).isInstanceOf(FrameScanner.Scan.Found.class);
        return ((FrameScanner.Scan.Found) scan).frame();
    }
}
