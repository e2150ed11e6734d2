package org.orderly.tools.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.orderly.tools.aggregate.Aggregator;
import org.orderly.tools.aggregate.ExportFormat;
import org.orderly.tools.aggregate.LineFile;
import org.orderly.tools.aggregate.TelemetryJson;

/**
 * The aggregate's memory and journal size over many gateways (docs/aggregate.md, "Footprint"): GATEWAYS gateways send
 * ROUNDS telemetry messages each into one {@link Aggregator} with a journal, every other number missing unless
 * {@code consecutive} is given (a gap each round, so a run each), forcing the journal every 20 messages as the group
 * commit does; then the heap in use after GC and the journal's bytes per line.
 *
 * <pre>java -cp tools/target/orderly.jar:tools/target/test-classes org.orderly.tools.bench.AggregateFootprint 10000 20</pre>
 */
public final class AggregateFootprint {
    private AggregateFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int gateways = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        boolean consecutive = args.length > 2 && args[2].equals("consecutive");
        Path dir = Files.createTempDirectory("aggregate-footprint");
        Path journal = dir.resolve("journal.jsonl");
        Instant start = Instant.now().minusSeconds(60);
        long lines = 0;
        try (Aggregator agg = new Aggregator("footprint", Duration.ofMinutes(1), Duration.ofSeconds(15),
                Duration.ofMinutes(5), new LineFile(dir.resolve("rows.csv"), ExportFormat.CSV.header(),
                LineFile.Durability.NONE), ExportFormat.CSV, new LineFile(journal, null, LineFile.Durability.NONE),
                Clock.systemUTC())) {
            for (int r = 1; r <= rounds; r++) {
                for (int g = 0; g < gateways; g++) {
                    String gw = "gw-" + g;
                    long seq = consecutive ? r : 2L * r;
                    agg.accept(TelemetryJson.topic(gw), TelemetryJson.of(gw, seq, start.plusMillis(100L * r), 10)
                            .getBytes(StandardCharsets.UTF_8));
                    if (++lines % 20 == 0) {
                        agg.force();
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "gateways %d, rounds %d, open gaps %d: heap in use after GC %.1f MB;"
                            + " journal %.0f bytes a line%n", gateways, rounds, agg.counters().openGaps(),
                    (rt.totalMemory() - rt.freeMemory()) / 1e6, Files.size(journal) / (double) lines);
        }
    }
}
