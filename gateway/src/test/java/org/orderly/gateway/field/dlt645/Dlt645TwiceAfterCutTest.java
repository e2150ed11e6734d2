package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
 * A pile meter that answers every request twice (docs/dlt645.md, "Hostile meters") and sends its first reply a byte
 * every 30 ms, on a serial line (a socat pty pair, dlt645_meter.py), against a 300 ms timeout: its read is cut, the
 * quiet wait after the cut ends once the rest has made the reply whole, and the reply's copy, 200 ms after its last
 * byte or at once when the next request is heard, comes in the transformer meter's read next. That read passes the copy
 * over as the last answer again and reads its own 7.0. For a while on 2026-12-07 the cut reply was not the line's last
 * answer, and the copy was read as the transformer meter's: {@code GARBLED ... reply came from address 000000000002}
 * (the quiet waited for whole, before that day's early end, had thrown the copy away).
 */
class Dlt645TwiceAfterCutTest {
    private static final String SPEC = """
            {"meters": {"000000000002": {"02030000": 1.5}, "000000000009": {"02030000": 7.0}},
             "drip": {"000000000002": [0.03, 1]}, "twice_ms": {"000000000002": 200}}
            """;
    private static final MeterAddress PILE = new MeterAddress("000000000002");
    private static final MeterAddress TRANSFORMER = new MeterAddress("000000000009");
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void theTransformerMeterReadAfterACutPassesTheCopyOver() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 9600, "none");
             Dlt645Client client = new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(line.master.toString(), 9600,
                     "none", 8, 1)), TIMEOUT, Ticker.SYSTEM)) {
            Throwable cut = catchThrowable(() -> client.read(PILE, DataId.POWER_TOTAL));
            assertThat(cut).as("the pile meter's reply, dripped; the meters' log: %s", meters.log())
                    .isInstanceOfSatisfying(FieldReadException.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));

            Throwable next = catchThrowable(() -> assertThat(client.read(TRANSFORMER, DataId.POWER_TOTAL)).isEqualTo(7.0));

            assertThat(next).as("the transformer meter's read after the cut; the meters' log: %s", meters.log()).isNull();
        }
    }
}
