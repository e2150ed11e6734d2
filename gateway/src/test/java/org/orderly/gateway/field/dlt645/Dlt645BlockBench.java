package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * Not a test: the benchmark of tools/bench/dlt645-blocks.sh (docs/benchmarks.md, "DL/T 645 block reads"), skipped unless
 * ORDERLY_BENCH_DLT645 names the file to write. One poller on a socat pty at 2400 baud even, the simulated meters
 * holding each reply back for the time request and reply take on a wire at 2400 baud 8E1 plus a reply delay
 * (BENCH_REPLY_DELAYS_MS, default "20 100"); a transformer meter with block reads and the same meter without, polled
 * in turn (BENCH_POLLS each, default 9), with the default list and with ten quantities, and a pile meter's poll.
 */
class Dlt645BlockBench {
    private static final String VALUES = "{\"02030000\": 12.3456, \"02030100\": 4.1, \"02030200\": 4.2, "
            + "\"02030300\": 4.1456, \"02020100\": 31.5, \"02020200\": 30.25, \"02020300\": 29.125, "
            + "\"02010100\": 229.8, \"02010200\": 231.0, \"02010300\": 230.1, \"00010000\": 1234.56}";
    private static final List<DataId> TEN = List.of(DataId.POWER_TOTAL, DataId.POWER_A, DataId.POWER_B, DataId.POWER_C,
            DataId.CURRENT_A, DataId.CURRENT_B, DataId.CURRENT_C, DataId.VOLTAGE_A, DataId.VOLTAGE_B, DataId.VOLTAGE_C);

    @TempDir
    Path dir;

    @Test
    void pollTimesWithAndWithoutBlocks() throws Exception {
        String out = System.getenv("ORDERLY_BENCH_DLT645");
        Assumptions.assumeTrue(out != null && !out.isBlank(), "a benchmark: tools/bench/dlt645-blocks.sh runs it");
        int polls = Integer.parseInt(System.getenv().getOrDefault("BENCH_POLLS", "9"));
        List<Integer> delays = Arrays.stream(System.getenv().getOrDefault("BENCH_REPLY_DELAYS_MS", "20 100").trim()
                .split("\\s+")).map(Integer::parseInt).toList();
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        List<String> lines = new ArrayList<>();
        lines.add("| reply delay | quantities | one at a time: median poll (min..max) | with blocks: median poll (min..max) "
                + "| exchanges (one / blocks) |");
        lines.add("|---|---|---|---|---|");
        for (int delay : delays) {
            String spec = "{\"meters\": {\"000000000001\": " + VALUES + "}, \"pace\": {\"baud\": 2400, \"bits\": 11, "
                    + "\"reply_delay_ms\": " + delay + "}}";
            try (SocatPair line = new SocatPair(socat, dir);
                    SimulatedMeters meters = new SimulatedMeters(python, dir, spec, line, 2400, "even")) {
                BusTiming timing = new BusTiming(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(1000), 2,
                        Duration.ofMillis(20), Duration.ofMillis(200));
                BusEndpoint.Serial endpoint = new BusEndpoint.Serial(line.master.toString(), 2400, "even", 8, 1);
                try (Dlt645Poller poller = Dlt645Pollers.onSerialPort("bench", () -> JSerialCommLine.open(endpoint), timing,
                        List.of(), new LatestReadings(), PollListener.NONE, Clock.systemUTC(), Ticker.SYSTEM,
                        Sleeper.REAL)) {
                    for (List<DataId> reads : List.of(Dlt645Meter.defaultReads(MeterRole.TRANSFORMER), TEN)) {
                        Dlt645Meter one = meter(reads, false);
                        Dlt645Meter blocks = meter(reads, true);
                        poller.pollMeter(one); // the line opened, the JIT warmed, outside the figures
                        poller.pollMeter(blocks);
                        long[] a = new long[polls];
                        long[] b = new long[polls];
                        for (int i = 0; i < polls; i++) {
                            a[i] = timed(poller, one);
                            b[i] = timed(poller, blocks);
                        }
                        lines.add(String.format(Locale.ROOT, "| %d ms | %d | %s | %s | %d / %d |", delay, reads.size(),
                                summary(a), summary(b), ReadStep.plan(one, java.util.Set.of()).size(),
                                ReadStep.plan(blocks, java.util.Set.of()).size()));
                    }
                    Dlt645Meter pile = new Dlt645Meter("pile", MeterAddress.parse("1"), MeterRole.PILE,
                            Dlt645Meter.defaultReads(MeterRole.PILE));
                    long[] p = new long[polls];
                    for (int i = 0; i < polls; i++) {
                        p[i] = timed(poller, pile);
                    }
                    lines.add(String.format(Locale.ROOT, "| %d ms | pile meter's 2 | %s | (no block: total power and "
                            + "energy) | 2 / 2 |", delay, summary(p)));
                }
            }
        }
        Files.write(Path.of(out), lines);
        assertThat(lines).hasSizeGreaterThan(2);
    }

    private static Dlt645Meter meter(List<DataId> reads, boolean blocks) {
        return new Dlt645Meter("tx", MeterAddress.parse("1"), MeterRole.TRANSFORMER, reads, 1, blocks);
    }

    private static long timed(Dlt645Poller poller, Dlt645Meter meter) throws InterruptedException {
        long t0 = System.nanoTime();
        poller.pollMeter(meter);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String summary(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "**%d ms** (%d..%d)", s[s.length / 2], s[0], s[s.length - 1]);
    }
}
