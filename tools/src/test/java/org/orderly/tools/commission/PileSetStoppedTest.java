package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ChildProcess;

/**
 * {@code orderly pile set} stopped (Ctrl-C, or the SIGTERM this test sends, which the JVM takes alike) after it has
 * sent its limit, while it waits for the read-back: the pile may hold the limit under a lease no one renews, and the
 * command says so, and until when. Until 2026-12-07 it ended without a word. A pymodbus pile that takes the limit but
 * goes on offering 16 A keeps the command waiting (--wait-s 120); the test stops it once the limit is in the pile's
 * register, read over Modbus TCP beside the command.
 */
class PileSetStoppedTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @Test
    @Timeout(240)
    void aPileSetStoppedAfterSendingSaysTheLimitMayStandUntilItsLeaseEnds(@TempDir Path dir) throws Exception {
        try (ModbusPileSlave slave = ModbusPileSlave.ignoresLimit(dir, 20);
                ChildProcess set = ChildProcess.startJava("orderly pile set", dir, List.of(),
                        "org.orderly.tools.OrderlyCommand", List.of("pile", "set", "10", "--modbus-host", "127.0.0.1",
                                "--tcp-port", Integer.toString(slave.port), "--unit", "20", "--map", "piles/generic-pile",
                                "--devices", DEVICES.toString(), "--id", "p3", "--ttl-s", "60", "--wait-s", "120"),
                        Files.createTempFile(dir, "pile-set", ".log"))) {
            set.awaitReady("having written the limit", Duration.ofSeconds(120), Duration.ofMillis(200),
                    () -> limitRegister(slave.port) == 100);

            set.terminate();

            assertThat(set.awaitExit(Duration.ofSeconds(30))).as(set.log()).isNotZero();
            assertThat(set.log()).containsPattern("(?m)^p3: stopped before the read-back: the limit 10 A was sent; if the"
                    + " pile took it, it offers it until \\S+ at the latest \\(--ttl-s 60, no longer renewed\\), then its"
                    + " safe current; orderly pile get shows what it offers$");
        }
    }

    /** The pile's limit register (0x0100, in 0.1 A), as it holds it now. */
    private static int limitRegister(int port) throws Exception {
        ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", port);
        m.connect();
        try {
            return m.readMultipleRegisters(20, 256, 1)[0].getValue();
        } finally {
            m.disconnect();
        }
    }
}
