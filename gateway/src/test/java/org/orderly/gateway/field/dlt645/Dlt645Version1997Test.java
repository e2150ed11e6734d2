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
 * DL/T 645-1997 meters on a real serial line (jSerialComm on a socat pty pair, dlt645_meter.py's 1997 meters on the
 * other end, beside a 2007 one): read 01 with two-byte identifiers, answered 81 in the 1997 table's formats, and every
 * bad reply sorted as for 2007.
 */
class Dlt645Version1997Test {
    private static final String SPEC = """
            {"meters": {
              "000000000097": {"B630": 86.5432, "B631": 30.1, "B611": 231, "B612": 229, "B621": 31.25, "B623": 0.5,
                               "B632": 1.0, "9010": 123456.78, "9020": 12.5},
              "000000000098": {"B630": 1.0},
              "000000000099": {"B630": 1.0},
              "000000002007": {"02030000": 7.04}},
             "v1997": ["000000000097", "000000000098", "000000000099"],
             "bad_checksum": ["000000000098"],
             "wrong_di": {"000000000097": {"B632": "B631"}},
             "errors": {"000000000099": {"B630": 4}}}
            """;
    private static final Duration TIMEOUT = Duration.ofMillis(600);

    @TempDir
    Path dir;

    @Test
    void readsThe1997TableAndSortsEveryBadReply() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
                Dlt645Client client = new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(line.master.toString(),
                        2400, "even", 8, 1)), TIMEOUT, Ticker.SYSTEM)) {
            MeterAddress m = MeterAddress.parse("97");
            // XX.XXXX kW without a sign bit: 86.5432 kW is a value, not -6.5432.
            assertThat(client.read(m, DataId.POWER_TOTAL_1997)).isEqualTo(86.5432);
            assertThat(client.read(m, DataId.POWER_A_1997)).isEqualTo(30.1);
            assertThat(client.read(m, DataId.VOLTAGE_A_1997)).isEqualTo(231.0);
            assertThat(client.read(m, DataId.VOLTAGE_B_1997)).isEqualTo(229.0);
            assertThat(client.read(m, DataId.CURRENT_A_1997)).isEqualTo(31.25);
            assertThat(client.read(m, DataId.CURRENT_C_1997)).isEqualTo(0.5);
            assertThat(client.read(m, DataId.ENERGY_IMPORT_1997)).isEqualTo(123456.78);
            assertThat(client.read(m, DataId.ENERGY_EXPORT_1997)).isEqualTo(12.5);
            // A 2007 meter on the same line is read in its own edition.
            assertThat(client.read(MeterAddress.parse("2007"), DataId.POWER_TOTAL)).isEqualTo(7.04);

            FieldReadException lacks = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(m, DataId.VOLTAGE_C_1997));
            assertThat(lacks.kind()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
            assertThat(MeterRefusal.noSuchData(lacks)).isTrue();
            assertThat(lacks).hasMessageContaining("DI B613 (voltage.c.v, DL/T 645-1997)")
                    .hasMessageContaining("error byte 02: no such data (data identifier error");

            FieldReadException password = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(MeterAddress.parse("99"), DataId.POWER_TOTAL_1997));
            assertThat(password.kind()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
            assertThat(MeterRefusal.noSuchData(password)).isFalse();
            assertThat(password).hasMessageContaining("error byte 04: password error");

            FieldReadException otherDi = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(m, DataId.POWER_B_1997));
            assertThat(otherDi.kind()).isEqualTo(FailureKind.GARBLED);
            assertThat(otherDi).hasMessageContaining("reply answers another identifier: 31 b6");

            FieldReadException badSum = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(MeterAddress.parse("98"), DataId.POWER_TOTAL_1997));
            assertThat(badSum.kind()).isEqualTo(FailureKind.GARBLED);
            assertThat(badSum).hasMessageContaining("checksum");

            // A 1997 meter does not answer a 2007 read: the edition configured wrong is a silent meter.
            FieldReadException asked2007 = catchThrowableOfType(FieldReadException.class,
                    () -> client.read(m, DataId.POWER_TOTAL));
            assertThat(asked2007.kind()).isEqualTo(FailureKind.TIMEOUT);

            assertThat(client.read(m, DataId.POWER_TOTAL_1997)).as("the line still works").isEqualTo(86.5432);
        }
    }
}
