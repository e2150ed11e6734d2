package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} of an RTU line with a meter on it that answers every unit id with a reply sent a byte
 * every 100 ms ({@link DrippingRtuLine}): each unit's first request, given --timeout-ms 300, is cut at its deadline
 * while the reply still comes. Until 2026-12-07 unit 1 was passed over as absent and unit 2, whose request read the
 * rest of unit 1's reply, listed as {@code garbled replies: wrong baud rate or parity, or two devices with this unit
 * id}, of a line whose settings were right.
 */
class DrippingRtuScanTest {
    @TempDir
    Path dir;

    @Test
    void aUnitReplyingTooSlowlyIsSaidSoWithItsFigureNotAsAWrongBaudRate() throws Exception {
        DrippingRtuLine.Ran ran = DrippingRtuLine.run(dir, "scan", "--units", "1-2");
        OrderlyRun r = ran.run();

        List<String> rows = r.out().lines().filter(l -> l.startsWith("rtu:")).toList();
        assertThat(rows).as("%s%s; the meter's log: %s", r.out(), r.err(), ran.meterLog()).hasSize(2);
        for (int unit = 1; unit <= 2; unit++) {
            assertThat(rows.get(unit - 1)).as(r.out()).doesNotContain("baud rate").matches("rtu:\\S+@9600/none\\s+" + unit
                    + "\\s+\\?\\s+-\\s+began to reply, but too slowly: no whole reply within 416 ms \\(--timeout-ms 300, each"
                    + " byte within it: a reply sent a byte at a time\\?\\); its model probes were given"
                    + " --answered-timeout-ms 1000; no map fits .*");
        }
    }
}
