package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * selftest reads the piles, each for up to --wait-s: a compound whose bridges cannot be reached (a switch off, a wrong
 * subnet) kept it silent for piles x --wait-s (24 piles, 2 minutes) before its table while it read them one after
 * another; it reads 8 at a time now, which is still 15 s for 24. It says first, on standard error, what it reads and
 * how long that may take.
 */
class SelftestProgressTest {
    @TempDir
    Path dir;

    @Test
    void saysWhatItReadsAndHowLongItMayTakeBeforeReading() throws Exception {
        int nobody = LoopbackPorts.free();
        int silent1 = LoopbackPorts.free();
        int silent2 = LoopbackPorts.free();
        while (silent2 == silent1) {
            // Two piles on one bridge's port is a configuration problem (exit 2), not the two silent piles wanted here.
            silent2 = LoopbackPorts.free();
        }
        Path config = SelftestYaml.plainPiles(dir, nobody, silent1, silent2);
        OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", "../config/devices", "--wait-s", "1");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("orderly selftest: reading 1 meter and 2 piles; a pile that does not answer takes up to 1 s "
                + "(--wait-s), and up to 8 piles are read at once: 1 s for all of them" + System.lineSeparator());
        assertThat(r.out()).containsPattern("p2\\s+pile\\s+coap 127.0.0.1:\\d+\\s+FAIL\\s+no status within 1 s");
    }
}
