package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;

/**
 * Block exchanges published by others, byte for byte, each reply's checksum right. Sources: a DL/T 645-2007 reader in a
 * public embedded project (its source comments record the replies of meter 181226034194, a single-phase meter, to
 * 0201FF00 and 0202FF00, and the request identifiers {@code 33 32 34 35} and {@code 33 32 35 35}), and a DL/T 645
 * master library's comments recording the reply of meter 000000000032 to 0203FF00 (docs/dlt645.md, "Block reads",
 * names both). Our requests carry the same identifier bytes; our client reads the replies as the standard lays a block
 * out: the voltage block 230.3 V, 0, 0; the current block 0.188 A, 0, 0; the power block total 0 and A 0, its B and C
 * filled with FF (no such phase on that meter), which is read where only the total and A are wanted, and refused whole,
 * as not read as written (so the meter is read one quantity at a time), where B is wanted.
 */
class PublishedBlockFramesTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final MeterAddress SINGLE_PHASE = new MeterAddress("181226034194");
    private static final MeterAddress METER_32 = new MeterAddress("000000000032");

    /** A line answering every request with {@code reply} and keeping what was sent. */
    private static final class ReplayLine implements SerialLine {
        private final byte[] reply;
        private final List<byte[]> sent = new ArrayList<>();
        private boolean pending;

        ReplayLine(String reply) {
            this.reply = HEX.parseHex(reply.toLowerCase());
        }

        @Override
        public void discardInput() {
            pending = false;
        }

        @Override
        public void write(byte[] bytes) {
            sent.add(bytes);
            pending = true;
        }

        @Override
        public int read(byte[] buf, int off, int len, Duration wait) {
            if (!pending) {
                return 0;
            }
            pending = false;
            System.arraycopy(reply, 0, buf, off, reply.length);
            return reply.length;
        }

        @Override
        public void close() {
        }
    }

    private static Dlt645Client client(ReplayLine line) {
        return new Dlt645Client(line, Duration.ofMillis(100), Ticker.SYSTEM);
    }

    /** The identifier bytes of our request (after +0x33), as the sources print them. */
    private static String identifierSent(ReplayLine line) {
        byte[] request = line.sent.get(0);
        return HEX.formatHex(request, 4 + 10, 4 + 14).toUpperCase(); // after FE FE FE FE, 68, address, 68, control, length
    }

    @Test
    void theVoltageBlockOfASinglePhaseMeter() throws Exception {
        ReplayLine line = new ReplayLine("FE FE FE FE 68 94 41 03 26 12 18 68 91 0A 33 32 34 35 36 56 33 33 33 33 B9 16");
        assertThat(client(line).readBlock(SINGLE_PHASE, DataBlock.VOLTAGES, DataBlock.VOLTAGES.members()))
                .containsExactly(Map.entry(DataId.VOLTAGE_A, 230.3), Map.entry(DataId.VOLTAGE_B, 0.0),
                        Map.entry(DataId.VOLTAGE_C, 0.0));
        assertThat(identifierSent(line)).isEqualTo("33 32 34 35");
        assertThat(HEX.formatHex(line.sent.get(0), 4, 12).toUpperCase()).isEqualTo("68 94 41 03 26 12 18 68");
    }

    @Test
    void theCurrentBlockOfASinglePhaseMeter() throws Exception {
        ReplayLine line = new ReplayLine(
                "FE FE FE FE 68 94 41 03 26 12 18 68 91 0D 33 32 35 35 BB 34 33 33 33 33 33 33 33 B9 16");
        assertThat(client(line).readBlock(SINGLE_PHASE, DataBlock.CURRENTS, DataBlock.CURRENTS.members()))
                .containsExactly(Map.entry(DataId.CURRENT_A, 0.188), Map.entry(DataId.CURRENT_B, 0.0),
                        Map.entry(DataId.CURRENT_C, 0.0));
        assertThat(identifierSent(line)).isEqualTo("33 32 35 35");
    }

    @Test
    void aPowerBlockWithPhasesFilledWithFfIsReadForWhatIsThereAndRefusedForWhatIsNot() throws Exception {
        String reply = "68 32 00 00 00 00 00 68 91 10 33 32 36 35 33 33 33 33 33 33 32 32 32 32 32 32 D1 16";
        ReplayLine line = new ReplayLine(reply);
        assertThat(client(line).readBlock(METER_32, DataBlock.POWERS, List.of(DataId.POWER_TOTAL, DataId.POWER_A)))
                .containsExactly(Map.entry(DataId.POWER_TOTAL, 0.0), Map.entry(DataId.POWER_A, 0.0));
        assertThat(identifierSent(line)).isEqualTo("33 32 36 35");

        FieldReadException b = catchThrowableOfType(FieldReadException.class, () -> client(new ReplayLine(reply))
                .readBlock(METER_32, DataBlock.POWERS, List.of(DataId.POWER_TOTAL, DataId.POWER_B)));
        assertThat(b).as("power.b.kw filled with FF").isNotNull();
        assertThat(b.kind()).isEqualTo(FailureKind.GARBLED);
        assertThat(b).hasMessageEndingWith("the block's power.b.kw is no value (ff ff ff is not BCD), so none of the block is read");
        assertThat(DataBlock.notReadBy(b)).isTrue();
    }
}
