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
 * A DL/T 645 meter on a serial line (a socat pty pair, dlt645_meter.py) that sends its first reply a byte every 100 ms
 * against a 600 ms timeout, and its next replies at once: the first read is cut at its timeout while the reply still
 * comes ({@code no complete reply within}), and the rest of that reply is waited out before the next request, which
 * reads its own answer. Until 2026-12-07 the next request was sent at once, into the reply still coming (on RS-485 a
 * collision), and read the rest of it before its own answer, which came after its timeout: {@code TIMEOUT}.
 */
class Dlt645DrippedReplyTest {
    private static final String SPEC = """
            {"meters": {"000000123456": {"02030000": 12.3456}}, "drip": {"000000123456": [0.1, 1]}}
            """;
    private static final MeterAddress METER = new MeterAddress("000000123456");
    private static final Duration TIMEOUT = Duration.ofMillis(600);

    @TempDir
    Path dir;

    @Test
    void theRequestAfterACutReadsItsOwnAnswer() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 9600, "none");
             Dlt645Client client = new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(line.master.toString(), 9600,
                     "none", 8, 1)), TIMEOUT, Ticker.SYSTEM)) {
            Throwable cut = catchThrowable(() -> client.read(METER, DataId.POWER_TOTAL));
            assertThat(cut).as("the first reply, dripped; the meters' log: %s", meters.log())
                    .isInstanceOfSatisfying(FieldReadException.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT))
                    .hasMessageContaining("no complete reply within 600 ms; received ");

            long begun = System.nanoTime();
            Throwable next = catchThrowable(() -> assertThat(client.read(METER, DataId.POWER_TOTAL)).isEqualTo(12.3456));
            System.out.println("Dlt645DrippedReplyTest: the read after the cut took " + (System.nanoTime() - begun) / 1_000_000
                    + " ms: " + (next == null ? "answered" : next.toString()));
            assertThat(next).as("the request after the cut; the meters' log: %s", meters.log()).isNull();
        }
    }
}
