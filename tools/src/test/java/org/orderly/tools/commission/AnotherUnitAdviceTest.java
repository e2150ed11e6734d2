package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FieldReadException;

/**
 * What {@code orderly modbus read} says of a unit whose requests were answered by another unit's whole reply
 * ({@link FieldReadException#anotherUnit}): on a serial line, as over TCP, that unit's reply (late, or to another
 * master), not a wrong baud rate or parity. Until 2026-12-07 (rtu62) the serial line's advice was that of garbled
 * frames. The failure as the gateway's link carries it ({@code ReplyFromAnotherUnitTest.anRtuReplyFromAnotherUnitIsRefused},
 * {@code LateReplyOfAnotherUnitTest.anotherUnitsLateExceptionIsNotTheUnitAskedsRefusal}).
 */
class AnotherUnitAdviceTest {
    private static final BusEndpoint.Serial LINE = new BusEndpoint.Serial("/dev/ttyUSB0", 9600, "none", 8, 1);

    @Test
    void anotherUnitsReplyOnASerialLineIsSaidAsItsReplyNotAsAWrongBaudRate() {
        FieldReadException e = FieldReadException.ofAnotherUnit(6, LINE + " unit 7: the reply came from unit 6, not the unit "
                + "asked (a late reply of another unit?)");
        assertThat(ReadAdvice.of(LINE, 7, "chint-dtsu666", List.of(e), 3).orElseThrow())
                .isEqualTo("unit 7 on " + LINE + ": a Modbus RTU reply came from unit 6, not unit 7 asked: a late reply of unit"
                        + " 6 (asked before, slower than the timeout), or another master on this line asking it (the gateway "
                        + "service, a pile's own master: stop it); give --unit 6 if unit 6 is the meter");
    }

    @Test
    void overTcpTheGatewaysMixUpIsStillSaid() {
        BusEndpoint.Tcp tcp = new BusEndpoint.Tcp("127.0.0.1", 502);
        FieldReadException e = FieldReadException.ofAnotherUnit(6, tcp + " unit 7: an exception reply came from unit 6");
        assertThat(ReadAdvice.of(tcp, 7, "chint-dtsu666", List.of(e), 3).orElseThrow())
                .contains("a Modbus TCP reply came from unit 6, not unit 7 asked: a TCP-to-RS-485 gateway");
    }
}
