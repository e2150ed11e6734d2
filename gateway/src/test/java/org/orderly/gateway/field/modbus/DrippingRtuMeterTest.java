package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A Modbus RTU meter on a serial line (a socat pty pair) that sends its reply a byte every 100 ms against a 300 ms
 * timeout (dripping_rtu_meter.py, pyserial): j2mod's serial timeout, as its TCP one, is a wait for each read of the
 * port, so such a reply was waited for as long as it dripped. Until 2026-12-07 the read given 300 ms failed after
 * 1029 to 1385 ms (two runs), in j2mod's words ({@code Cannot read from serial port - truncated}: a read of the rest
 * of the frame took the bytes come so far), on a bus with a transformer meter its next read as late. Now the whole
 * exchange is bounded as on TCP ({@link ExchangeDeadline}): the port is closed under the read 100 ms after the
 * timeout's tenths and the frames' 18 ms at 9600 baud, and the read is that {@code TIMEOUT} (docs/register-maps.md, "The poller").
 */
class DrippingRtuMeterTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void aReplyDrippedOnASerialLineIsCutAtItsTimeout() throws Exception {
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
             ChildProcess meter = meter(line, "0.1");
             J2modLink link = new J2modLink(new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1), TIMEOUT)) {
            long begun = System.nanoTime();
            Throwable thrown = catchThrowable(() -> link.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2));
            long took = (System.nanoTime() - begun) / 1_000_000;
            System.out.println("DrippingRtuMeterTest: a read given " + TIMEOUT.toMillis() + " ms took " + took + " ms: "
                    + (thrown == null ? "answered" : thrown.toString()));
            assertThat(thrown).as("a reply dripped a byte every 100 ms, read in %d ms; the meter's log: %s", took,
                    meter.log()).isInstanceOf(FieldReadException.class);
            assertThat(((FieldReadException) thrown).kind()).as(thrown.getMessage()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(thrown.getMessage()).as("cut by the exchange's deadline").contains("no whole reply within 418 ms");
            assertThat(((FieldReadException) thrown).replyCut()).as(thrown.getMessage())
                    .contains(new ReplyCut(Duration.ofMillis(418), TIMEOUT, true));
        }
    }

    /**
     * The meter drips its first reply only, and answers the next request at once: the rest of the first reply, still
     * coming after the cut, is waited out before the next request, which reads its own answer. Until 2026-12-07 the
     * next request read it as its answer, {@code GARBLED} ({@code getResponse unrecognised function code [0]}).
     */
    @Test
    void theRequestAfterACutReadsItsOwnAnswer() throws Exception {
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
             ChildProcess meter = meter(line, "0.1", "1");
             J2modLink link = new J2modLink(new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1), TIMEOUT)) {
            Throwable cut = catchThrowable(() -> link.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2));
            assertThat(cut).as("the first reply, dripped; the meter's log: %s", meter.log())
                    .isInstanceOfSatisfying(FieldReadException.class, f -> assertThat(f.cutWhileReplying()).isTrue());

            long begun = System.nanoTime();
            Throwable next = catchThrowable(() -> assertThat(link.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2))
                    .containsExactly(0, 0));
            System.out.println("DrippingRtuMeterTest: the read after the cut took " + (System.nanoTime() - begun) / 1_000_000
                    + " ms: " + (next == null ? "answered" : next.toString()));
            assertThat(next).as("the request after the cut; the meter's log: %s", meter.log()).isNull();
        }
    }

    private ChildProcess meter(SocatPair line, String... options) throws Exception {
        return meter(dir, line, options);
    }

    /**
     * dripping_rtu_meter.py, copied into {@code dir}, on the slave end of {@code line}, at 9600 baud, with {@code
     * options} after the port's.
     */
    static ChildProcess meter(Path dir, SocatPair line, String... options) throws Exception {
        String python = ExternalTools.require("python3-serial");
        Path script = dir.resolve("dripping_rtu_meter.py");
        try (InputStream in = DrippingRtuMeterTest.class.getResourceAsStream("/field/dripping_rtu_meter.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new java.util.ArrayList<>(List.of(python, script.toString(), line.slave.toString(), "9600"));
        command.addAll(List.of(options));
        return ChildProcess.startUntilLogged("dripping RTU meter", command, dir.resolve("meter.log"), "ready",
                Duration.ofSeconds(30));
    }
}
