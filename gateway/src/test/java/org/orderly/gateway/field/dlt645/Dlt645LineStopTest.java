package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A DL/T 645 line stopped by SIGTERM, in a JVM of its own ({@link Dlt645LineUntilSigterm}) on the master end of a socat
 * pty pair, the simulated meters at 2400 baud, even parity, on the other: it closes its port and opens it no more, so
 * says nothing at WARN. Until 2026-12-05 {@code orderly run}'s stop was a plain JVM shutdown hook, which the JVM runs
 * beside jSerialComm's own, and that closes every open port at once: while the gateway's stop closed its page and
 * control loop, the line's read failed on the closed port and the poller opened it again, which on a pty (Linux refuses
 * parity on one once set) logged {@code WARN ... cannot be opened (error 22: it would not take the line settings
 * asked)} during the stop. Now the stop runs before jSerialComm closes the ports ({@code StopBeforePortsClose}).
 */
class Dlt645LineStopTest {
    private static final String METER = """
            {"meters": {"000000123456": {"02030000": 12.3456, "02020100": 31.5, "02020200": 0.25, "02020300": 7.125}}}
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aLineStoppedBySigtermDoesNotOpenItsPortAgain() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                SimulatedMeters meters = new SimulatedMeters(python, dir, METER, line, 2400, "even");
                ChildProcess child = ChildProcess.startJava("DL/T 645 line", dir, List.of(),
                        Dlt645LineUntilSigterm.class.getName(), List.of(line.master.toString(), "500"),
                        dir.resolve("line.log"))) {
            child.awaitLog("read", Duration.ofSeconds(30));

            child.terminate();

            assertThat(child.awaitExit(Duration.ofSeconds(30))).as("SIGTERM (128 + 15)").isEqualTo(143);
            assertThat(child.log()).contains("DL/T 645 line room-645 stopped");
            assertThat(child.log().lines().filter(l -> l.contains("WARN"))).as(child.log()).isEmpty();
        }
    }
}
