package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus read} of an RTU meter that sends its reply a byte every 100 ms ({@link DrippingRtuLine}): its
 * first request is cut at the exchange's deadline while the reply still comes, and so is every request after it (each
 * waits for the rest of the last reply to end first). Until 2026-12-07, the next requests reading the rest as their
 * answers, garbled, the command's advice was that of garbled frames, a wrong baud rate or parity or two units with one
 * id, of a line whose settings were right and one unit on it.
 */
class DrippingRtuReadAdviceTest {
    @TempDir
    Path dir;

    @Test
    void aReplyDrippedOnASerialLineIsSaidSoNotAsAWrongBaudRate() throws Exception {
        DrippingRtuLine.Ran ran = DrippingRtuLine.run(dir, "read", "--unit", "1", "--map", "chint-dtsu666");
        OrderlyRun r = ran.run();

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).as("the meter's log: %s", ran.meterLog()).doesNotContain("wrong baud rate")
                .contains("unit 1 on rtu:" + ran.port() + "@9600/none answered, but its reply did not come whole in the"
                        + " timeout (it came a byte at a time, or stopped)");
    }
}
