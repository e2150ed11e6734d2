package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus read} of an RTU meter that sends its reply a byte every 100 ms (a socat pty pair, the gateway's
 * dripping_rtu_meter.py): its first request is cut at the exchange's deadline and the rest of its reply, still coming,
 * is read by the next requests as their answers, garbled. Until 2026-12-07 the command's advice was that of garbled
 * frames, a wrong baud rate or parity or two units with one id, of a line whose settings were right and one unit on it.
 */
class DrippingRtuReadAdviceTest {
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/dripping_rtu_meter.py").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aReplyDrippedOnASerialLineIsSaidSoNotAsAWrongBaudRate() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
             ChildProcess meter = ChildProcess.startUntilLogged("dripping RTU meter", List.of(python, SCRIPT.toString(),
                     line.slave.toString(), "9600", "0.1"), dir.resolve("meter.log"), "ready", Duration.ofSeconds(30))) {
            OrderlyRun r = OrderlyRun.of("modbus", "read", "--port", line.master.toString(), "--baud", "9600", "--unit", "1",
                    "--map", "chint-dtsu666", "--timeout-ms", "300", "--devices", "../config/devices");

            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).as("the meter's log: %s", meter.log()).doesNotContain("wrong baud rate")
                    .contains("unit 1 on rtu:" + line.master + "@9600/none answered, but its reply did not come whole in the"
                            + " timeout (it came a byte at a time, or stopped)");
        }
    }
}
