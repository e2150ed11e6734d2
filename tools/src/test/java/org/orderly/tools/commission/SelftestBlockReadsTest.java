package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code selftest} of DL/T 645 meters with {@code blockReads: true}: one that reads blocks passes as any, one that
 * refuses them passes too (the gateway reads it one quantity at a time) and its row says so, naming the block, and so
 * does one silent to them that answers single reads. The gateway's simulated meters across a socat pty pair, as
 * {@link Dlt645RefusalAdviceTest}.
 */
class SelftestBlockReadsTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aMeterRefusingBlocksPassesAndItsRowSaysSo() throws Exception {
        Selftest r = selftestWithTransformerMeter("\"no_blocks\": [\"000000123456\"]");

        assertThat(r.out())
                .containsPattern("transformer\\s+meter dlt645\\s+room-645 address 000000123456\\s+PASS\\s+.*"
                        + "power.total.kw=3.50.*; blockReads: the meter does not read block 0202FF00 as written "
                        + "\\(refused, or another length\\): the gateway reads those quantities one at a time "
                        + "\\(set blockReads: false\\)")
                .containsPattern("pile-p1\\s+meter dlt645\\s+room-645 address 000000000041\\s+PASS\\s+power.total.kw=3.50");
        assertThat(r.out().lines().filter(l -> l.contains("pile-p1")).findFirst().orElseThrow())
                .doesNotContain("blockReads");
        // The transformer's total alone, the currents' block refused and the three currents; p1's one block.
        assertThat(r.simLog().lines().filter(l -> l.startsWith("answered 000000123456"))).hasSize(5);
        assertThat(r.simLog().lines().filter(l -> l.startsWith("answered 000000000041"))).hasSize(1);
    }

    /**
     * A transformer meter that gives no answer at all to a block read, neither values nor a refusal, and answers single
     * reads. Until 2026-12-06 selftest failed it on the block's timeout ("no answer from address") with no word of block
     * reads, though the gateway reads it one quantity at a time; now it asks the block's first quantity alone, as the
     * gateway's poller does, and the row passes, saying the meter is silent to the block and to set blockReads: false.
     */
    @Test
    void aMeterSilentToBlocksButAnsweringSingleReadsPassesAndItsRowSaysSo() throws Exception {
        Selftest r = selftestWithTransformerMeter("\"block_silent\": [\"000000123456\"]");

        assertThat(r.out()).as(r.simLog())
                .containsPattern("transformer\\s+meter dlt645\\s+room-645 address 000000123456\\s+PASS\\s+.*"
                        + "power.total.kw=3.50.*; blockReads: the meter answers single reads but is silent to block "
                        + "0202FF00 \\(it does not answer block reads at all, .*\\): the gateway reads those quantities "
                        + "one at a time, after the block's timeouts at each start \\(set blockReads: false\\)")
                .containsPattern("pile-p1\\s+meter dlt645\\s+room-645 address 000000000041\\s+PASS\\s+power.total.kw=3.50")
                .doesNotContain("does not read block");
        assertThat(r.out().lines().filter(l -> l.contains("pile-p1")).findFirst().orElseThrow())
                .doesNotContain("blockReads");
        // The transformer's total alone, the currents' block silent, its first current alone, the three currents.
        assertThat(r.simLog().lines().filter(l -> l.startsWith("silent to block 000000123456"))).hasSize(1);
        assertThat(r.simLog().lines().filter(l -> l.startsWith("answered 000000123456"))).hasSize(5);
    }

    /** What selftest printed, and what the simulated meters said they answered. */
    private record Selftest(String out, String simLog) {
    }

    /**
     * Selftest of a transformer meter 000000123456 (power and currents) and pile p1's meter 000000000041 (powers), both
     * with blockReads: true, on one simulated line; {@code transformerBlocks} is the spec's key saying how the
     * transformer meter meets block reads.
     */
    private Selftest selftestWithTransformerMeter(String transformerBlocks) throws Exception {
        String python = ExternalTools.require("python3-pymodbus"); // brings python3-serial
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                DatagramSocket silent1 = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                Dlt645Sim meters = Dlt645Sim.start(python, dir, line, """
                {"meters": {"000000123456": {"02030000": 3.5, "02020100": 6.5, "02020200": 6.1, "02020300": 6.2},
                            "000000000041": {"02030000": 3.5, "02030100": 3.5, "02030200": 0, "02030300": 0}},
                 %s}
                """.formatted(transformerBlocks))) {
            Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    meters:
                      transformer: { bus: room-645, dlt645: { address: "000000123456", blockReads: true } }
                      piles:
                        - { pile: p1, bus: room-645, dlt645: { address: "000000000041", blockReads: true,
                            quantities: [power.total.kw, power.a.kw] } }
                    buses:
                      - { name: room-645, protocol: dlt645, serial: { port: "%s" }, timing: { timeoutMs: 800 } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(silent1.getLocalPort(), line.master));

            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(), "--wait-s", "1");
            return new Selftest(r.out(), meters.log());
        }
    }
}
