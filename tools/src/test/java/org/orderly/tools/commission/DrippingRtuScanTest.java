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
 * {@code orderly modbus scan} of an RTU line (a socat pty pair) with the gateway's dripping_rtu_meter.py on it, which
 * answers every unit id with a reply sent a byte every 100 ms: each unit's first request, given --timeout-ms 300, is
 * cut at its deadline while the reply still comes. Until 2026-12-07 unit 1 was passed over as absent and unit 2, whose
 * request read the rest of unit 1's reply, listed as {@code garbled replies: wrong baud rate or parity, or two devices
 * with this unit id}, of a line whose settings were right.
 */
class DrippingRtuScanTest {
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/dripping_rtu_meter.py").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aUnitReplyingTooSlowlyIsSaidSoWithItsFigureNotAsAWrongBaudRate() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
             ChildProcess meter = ChildProcess.startUntilLogged("dripping RTU meter", List.of(python, SCRIPT.toString(),
                     line.slave.toString(), "9600", "0.1"), dir.resolve("meter.log"), "ready", Duration.ofSeconds(30))) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--port", line.master.toString(), "--baud", "9600", "--units", "1-2",
                    "--timeout-ms", "300", "--devices", "../config/devices");

            List<String> rows = r.out().lines().filter(l -> l.startsWith("rtu:")).toList();
            assertThat(rows).as("%s%s; the meter's log: %s", r.out(), r.err(), meter.log()).hasSize(2);
            for (int unit = 1; unit <= 2; unit++) {
                assertThat(rows.get(unit - 1)).as(r.out()).doesNotContain("baud rate").matches("rtu:\\S+@9600/none\\s+" + unit
                        + "\\s+\\?\\s+-\\s+began to reply, but too slowly: no whole reply within 416 ms \\(--timeout-ms 300, each"
                        + " byte within it: a reply sent a byte at a time\\?\\); its model probes were given"
                        + " --answered-timeout-ms 1000; no map fits .*");
            }
        }
    }
}
