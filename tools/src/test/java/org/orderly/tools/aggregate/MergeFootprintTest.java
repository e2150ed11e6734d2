package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aggregate-merge over the journals of many compounds, in a JVM with a small heap: its memory must follow the
 * gateways and buckets, not the number of lines. 1,000 gateways with 300 telemetry messages each, 5 s apart (25
 * minutes, 300,000 lines in two journals of a share group), merged with 64 MB of heap.
 */
class MergeFootprintTest {
    private static final int GATEWAYS = 1000;
    private static final int ROUNDS = 300;

    @TempDir
    Path dir;

    @Test
    void manyLinesAreMergedInAHeapThatHoldsTheGatewaysNotTheLines() throws Exception {
        Instant start = Instant.parse("2026-11-29T12:00:00Z");
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        try (BufferedWriter wa = Files.newBufferedWriter(a, StandardCharsets.UTF_8);
             BufferedWriter wb = Files.newBufferedWriter(b, StandardCharsets.UTF_8)) {
            long n = 0;
            for (int r = 1; r <= ROUNDS; r++) {
                Instant ts = start.plusSeconds(5L * (r - 1));
                for (int g = 0; g < GATEWAYS; g++) {
                    // Round robin over the two instances, as Mosquitto shares them.
                    (n++ % 2 == 0 ? wa : wb).write(line("gw-" + g, r, ts, ts.plusMillis(g)));
                }
            }
        }
        Path out = dir.resolve("merged.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("merge.log");
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "org.orderly.tools.OrderlyCommand", "aggregate-merge", "--bucket", "1m", "--out", out.toString(),
                a.toString(), b.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(1 + 25);
        // Each bucket: every gateway's latest reading, evKw 2.0, transformer 102.0, base 100, limit 400, add 298.
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r).contains(",merged,1000,0,102000.000,"
                + "100000.000,2000.000,400000.000,2000.000,298000.000,300000,0,0,0,0,0,0,0,0"));
    }

    /** More buckets than the heap holds: one line, exit 1, nothing written. */
    @Test
    void aHeapTooSmallForTheBucketsIsOneLineAndNothingWritten() throws Exception {
        Instant start = Instant.parse("2026-11-29T12:00:00Z");
        Path a = dir.resolve("a.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(a, StandardCharsets.UTF_8)) {
            for (int r = 1; r <= ROUNDS; r++) {
                Instant ts = start.plusSeconds(60L * (r - 1)); // a bucket per round: 300,000 readings to hold
                for (int g = 0; g < GATEWAYS; g++) {
                    w.write(line("gw-" + g, r, ts, ts.plusMillis(g)));
                }
            }
        }
        Path out = dir.resolve("merged.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("merge.err");
        Process p = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                "org.orderly.tools.OrderlyCommand", "aggregate-merge", "--bucket", "1m", "--out", out.toString(),
                a.toString()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(err).strip()).isEqualTo("aggregate-merge: out of memory merging " + a
                + "; give the JVM more heap (java -Xmx...): the merge holds each gateway's latest reading in each"
                + " bucket");
        assertThat(Files.exists(out)).isFalse();
    }

    private static String line(String gw, long seq, Instant ts, Instant receivedAt) {
        return String.format(Locale.ROOT, "{\"id\":\"%s:%d\",\"gatewayId\":\"%s\",\"seq\":%d,\"type\":\"telemetry\","
                + "\"ts\":\"%s\",\"receivedAt\":\"%s\",\"instance\":\"x\",\"transformerKw\":102.0,\"baseKw\":100.0,"
                + "\"evKw\":2.0,\"limitKw\":400.0,\"shedKw\":2.0,\"addKw\":298.0}%n", gw, seq, gw, seq, ts, receivedAt);
    }
}
