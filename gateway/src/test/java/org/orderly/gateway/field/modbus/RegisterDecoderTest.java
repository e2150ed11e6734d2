package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegisterDecoderTest {

    @ParameterizedTest(name = "{0} {1} {2} {3} = {4}")
    @CsvSource({
            "FLOAT32, BIG,    0x4348, 0x0000, 200.0",
            "FLOAT32, LITTLE, 0x0000, 0x4348, 200.0",
            "FLOAT32, BIG,    0xC2F6, 0xE979, -123.456",
            "FLOAT32, BIG,    0x0000, 0x0000, 0.0",
            "INT32,   BIG,    0xFFFF, 0xFFFE, -2",
            "INT32,   LITTLE, 0xFFFE, 0xFFFF, -2",
            "UINT32,  BIG,    0xFFFF, 0xFFFE, 4294967294",
            "UINT32,  BIG,    0x0001, 0x0000, 65536",
            "UINT32,  LITTLE, 0x0000, 0x0001, 65536",
            "INT16,   BIG,    0xFFFF, 0x0000, -1",
            "INT16,   BIG,    0x7FFF, 0x0000, 32767",
            "UINT16,  BIG,    0xFFFF, 0x0000, 65535",
    })
    void decodesKnownVectors(DataType type, WordOrder order, String w0, String w1, double expected) {
        int[] words = {Integer.decode(w0), Integer.decode(w1)};
        assertThat(RegisterDecoder.raw(words, 0, type, order)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void appliesScaleAndOffsetIntoBlock() {
        // A DTSU666 reports Ua in 0.1 V: 2301.0 -> 230.1 V.
        RegisterPoint ua = new RegisterPoint("voltage.a.v", 0x2006, FunctionCode.READ_HOLDING_REGISTERS,
                DataType.FLOAT32, WordOrder.BIG, 0.1, 0);
        int bits = Float.floatToIntBits(2301.0f);
        int[] block = {0xDEAD, 0xBEEF, bits >>> 16, bits & 0xFFFF};
        assertThat(RegisterDecoder.decode(block, 2, ua)).isCloseTo(230.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void refusesAValueThatRunsPastTheBlock() {
        assertThatThrownBy(() -> RegisterDecoder.raw(new int[] {1}, 0, DataType.UINT32, WordOrder.BIG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }
}
