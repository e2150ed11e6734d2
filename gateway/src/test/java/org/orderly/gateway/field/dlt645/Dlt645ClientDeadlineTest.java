package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.MutableClock;

/**
 * The client's reply deadline on the ticker it is given: a meter that does not answer costs exactly the timeout on it.
 * Until 2026-12-04 the deadline was System.nanoTime's: a test's hand-moved ticker could not drive it, and a line that
 * waits on that ticker (this one) moved it on for as long as the JVM's 600 ms lasted.
 */
class Dlt645ClientDeadlineTest {
    @Test
    void aSilentMeterTimesOutAfterTheTimeoutOnTheTicker() {
        MutableClock time = new MutableClock(Instant.parse("2026-12-04T20:00:00Z"));
        ScriptedLine line = new ScriptedLine(time, Duration.ofMillis(300), Map.of(DataId.POWER_TOTAL, 4.25));
        line.silent(true);
        Dlt645Client client = new Dlt645Client(line, Duration.ofMillis(600), time);
        Instant before = time.instant();

        FieldReadException e = catchThrowableOfType(FieldReadException.class,
                () -> client.read(MeterAddress.parse("42"), DataId.POWER_TOTAL));

        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).endsWith("no complete reply within 600 ms");
        assertThat(Duration.between(before, time.instant())).isEqualTo(Duration.ofMillis(600));
    }
}
