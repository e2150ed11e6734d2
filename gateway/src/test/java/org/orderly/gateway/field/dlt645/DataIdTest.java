package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Value formats of the data identifiers, from the standard's data tables (BCD, lowest byte first, sign in the top bit). */
class DataIdTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void voltageIsXxxXVolts() {
        assertThat(DataId.VOLTAGE_A.decode(HEX.parseHex("94 23"), 0)).isEqualTo(239.4);
        assertThat(HEX.formatHex(DataId.VOLTAGE_A.encode(239.4))).isEqualTo("94 23");
    }

    @Test
    void currentIsXxxXxxAmperesWithSign() {
        assertThat(DataId.CURRENT_B.decode(HEX.parseHex("50 12 00"), 0)).isEqualTo(1.25);
        assertThat(DataId.CURRENT_B.decode(HEX.parseHex("50 12 80"), 0)).isEqualTo(-1.25);
        assertThat(HEX.formatHex(DataId.CURRENT_B.encode(-31.5))).isEqualTo("00 15 83");
    }

    @Test
    void powerIsXxXxxxxKilowattsWithSign() {
        assertThat(DataId.POWER_TOTAL.decode(HEX.parseHex("56 34 12"), 0)).isEqualTo(12.3456);
        assertThat(DataId.POWER_TOTAL.decode(HEX.parseHex("56 34 92"), 0)).isEqualTo(-12.3456);
    }

    @Test
    void energyIsXxxxxxXxKilowattHours() {
        assertThat(DataId.ENERGY_IMPORT.decode(HEX.parseHex("26 80 22 11"), 0)).isEqualTo(112280.26);
    }

    @Test
    void identifiersGoDi0First() {
        assertThat(HEX.formatHex(DataId.VOLTAGE_A.wireBytes())).isEqualTo("00 01 01 02");
        assertThat(HEX.formatHex(DataId.FREQUENCY.wireBytes())).isEqualTo("02 00 80 02");
    }

    @Test
    void nonBcdIsRejected() {
        assertThatThrownBy(() -> DataId.VOLTAGE_A.decode(HEX.parseHex("9A 23"), 0)).hasMessageContaining("not BCD");
    }

    @Test
    void valuesOutOfRangeAreRejectedWhenEncoding() {
        assertThatThrownBy(() -> DataId.VOLTAGE_A.encode(1000)).hasMessageContaining("cannot hold");
        assertThatThrownBy(() -> DataId.VOLTAGE_A.encode(-1)).hasMessageContaining("cannot hold");
    }
}
