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
 * DL/T 645 meters on a serial line (a socat pty pair, dlt645_meter.py) that send their first reply a byte at a time,
 * longer than the timeout: the first read is cut at its timeout while the reply still comes ({@code no complete reply
 * within}), and the rest of that reply is waited out before the next request, which reads its own answer.
 */
class Dlt645DrippedReplyTest {
    private static final MeterAddress METER = new MeterAddress("000000123456");

    @TempDir
    Path dir;

    /**
     * A reply a byte every 100 ms against a 600 ms timeout. Until 2026-12-07 the next request was sent at once, into the
     * reply still coming (on RS-485 a collision), and read the rest of it before its own answer, which came after its
     * timeout: {@code TIMEOUT}.
     */
    @Test
    void theRequestAfterACutReadsItsOwnAnswer() throws Exception {
        String spec = """
                {"meters": {"000000123456": {"02030000": 12.3456}}, "drip": {"000000123456": [0.1, 1]}}
                """;
        onPty(spec, Duration.ofMillis(600), (client, meters) -> {
            Throwable cut = catchThrowable(() -> client.read(METER, DataId.POWER_TOTAL));
            assertThat(cut).as("the first reply, dripped; the meters' log: %s", meters.log())
                    .isInstanceOfSatisfying(FieldReadException.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT))
                    .hasMessageContaining("no complete reply within 600 ms; received ");

            long begun = System.nanoTime();
            Throwable next = catchThrowable(() -> assertThat(client.read(METER, DataId.POWER_TOTAL)).isEqualTo(12.3456));
            System.out.println("Dlt645DrippedReplyTest: the read after the cut took " + (System.nanoTime() - begun) / 1_000_000
                    + " ms: " + (next == null ? "answered" : next.toString()));
            assertThat(next).as("the request after the cut; the meters' log: %s", meters.log()).isNull();
        });
    }

    /**
     * A pile meter that answers every request twice (docs/dlt645.md, "Hostile meters"), its first reply a byte every 30
     * ms against a 300 ms timeout: the quiet wait after the cut ends once the rest has made the reply whole, and the
     * reply's copy, 200 ms after its last byte or at once when the next request is heard, comes in the transformer
     * meter's read next. That read passes the copy over as the last answer again and reads its own 7.0. For a while on
     * 2026-12-07 the cut reply was not the line's last answer, and the copy was read as the transformer meter's:
     * {@code GARBLED ... reply came from address 000000000002} (the quiet waited for whole, before that day's early end,
     * had thrown the copy away).
     */
    @Test
    void theTransformerMeterReadAfterAPileMetersCutPassesItsCopyOver() throws Exception {
        String spec = """
                {"meters": {"000000000002": {"02030000": 1.5}, "000000000009": {"02030000": 7.0}},
                 "drip": {"000000000002": [0.03, 1]}, "twice_ms": {"000000000002": 200}}
                """;
        transformerMeterReadAfterAPileMetersCut(spec, Duration.ofMillis(300));
    }

    /**
     * The same pile meter behind a converter that drips every byte it sends, its copy too, a byte every 100 ms, the copy
     * 200 ms after the reply's last byte, against a 600 ms timeout (the copy due well within the wait, however late a
     * loaded machine runs the script): the rest of the cut reply came dripping, so the quiet after its end is the cut
     * exchange's whole 600 ms, within which the copy begins, and the copy is read and dropped to its end before the
     * transformer meter's request. Until 2026-12-07 (since that day's early end of the wait) the wait ended the bus's
     * gap after the reply, the copy came with the transformer meter's request and cut its read: {@code TIMEOUT ... no
     * complete reply within 600 ms; received fe fe 68 02 00 00 00} ({@code ... 300 ms; received fe fe 68} given read58i's
     * 300 ms).
     */
    @Test
    void aCopyDrippedAsItsCutReplyIsReadToItsEndBeforeTheTransformerMetersRequest() throws Exception {
        String spec = """
                {"meters": {"000000000002": {"02030000": 1.5}, "000000000009": {"02030000": 7.0}},
                 "drip": {"000000000002": [0.1, 1]}, "twice_ms": {"000000000002": 200}, "copy_drips": ["000000000002"]}
                """;
        transformerMeterReadAfterAPileMetersCut(spec, Duration.ofMillis(600));
    }

    /**
     * The pile meter's (000000000002) read, whose reply {@code spec} drips, must be cut at {@code timeout}, and the
     * transformer meter's (000000000009) read next must answer its 7.0.
     */
    private void transformerMeterReadAfterAPileMetersCut(String spec, Duration timeout) throws Exception {
        onPty(spec, timeout, (client, meters) -> {
            Throwable cut = catchThrowable(() -> client.read(new MeterAddress("000000000002"), DataId.POWER_TOTAL));
            assertThat(cut).as("the pile meter's reply, dripped; the meters' log: %s", meters.log())
                    .isInstanceOfSatisfying(FieldReadException.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));

            Throwable next = catchThrowable(() -> assertThat(client.read(new MeterAddress("000000000009"), DataId.POWER_TOTAL))
                    .isEqualTo(7.0));

            assertThat(next).as("the transformer meter's read after the cut; the meters' log: %s", meters.log()).isNull();
        });
    }

    /** What a test does with a client on the pty and the meters behind it. */
    @FunctionalInterface
    private interface OnPty {
        void run(Dlt645Client client, SimulatedMeters meters) throws Exception;
    }

    /** Runs {@code test} with a client waiting {@code timeout} on a pty pair whose other end dlt645_meter.py serves. */
    private void onPty(String spec, Duration timeout, OnPty test) throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, spec, line, 9600, "none");
             Dlt645Client client = new Dlt645Client(JSerialCommLine.open(new BusEndpoint.Serial(line.master.toString(), 9600,
                     "none", 8, 1)), timeout, Ticker.SYSTEM)) {
            test.run(client, meters);
        }
    }
}
