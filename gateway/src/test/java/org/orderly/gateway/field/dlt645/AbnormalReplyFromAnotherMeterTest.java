package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;

/**
 * docs/dlt645.md: every reply is checked for "the address it came from", and "a reply from another address ... is
 * GARBLED". An abnormal reply (D1 + error byte) from another meter is no refusal of the meter asked: it must be
 * refused as garbled (and so retried), not reported as this meter's refusal, which the poller never asks again.
 */
class AbnormalReplyFromAnotherMeterTest {

    @Test
    void anAbnormalReplyFromAnotherAddressIsGarbledNotThisMetersRefusal() {
        MeterAddress asked = MeterAddress.parse("123456");
        MeterAddress other = MeterAddress.parse("654321");
        Frame refusal = new Frame(other, ControlCode.REPLY | ControlCode.ABNORMAL | ControlCode.READ_DATA,
                new byte[] {0x02});
        Dlt645Client client = new Dlt645Client(ScriptedLine.answering(refusal), Duration.ofMillis(200), Ticker.SYSTEM);

        FieldReadException e = catchThrowableOfType(() -> client.read(asked, DataId.POWER_TOTAL),
                FieldReadException.class);

        assertThat(e).as("a reply came, from meter 000000654321").isNotNull();
        assertThat(e.kind()).as("%s", e.getMessage()).isEqualTo(FailureKind.GARBLED);
        assertThat(e.getMessage()).contains("000000654321");
    }

    @Test
    void theSameRefusalFromTheMeterAskedIsItsRefusal() {
        MeterAddress asked = MeterAddress.parse("123456");
        Frame refusal = new Frame(asked, ControlCode.REPLY | ControlCode.ABNORMAL | ControlCode.READ_DATA,
                new byte[] {0x02});
        Dlt645Client client = new Dlt645Client(ScriptedLine.answering(refusal), Duration.ofMillis(200), Ticker.SYSTEM);

        FieldReadException e = catchThrowableOfType(() -> client.read(asked, DataId.POWER_TOTAL),
                FieldReadException.class);

        assertThat(e.kind()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
        assertThat(e.getMessage()).contains("no such data");
    }
}
