package org.orderly.gateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.app.CycledLoop;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.view.Overview;

/**
 * What one scrape of {@code GET /metrics} costs the page: {@link GatewayMetrics#write} into a byte array, as
 * {@link MonitoringRoutes#metrics} writes the body ({@link #scrape}; {@link #scrapeFrom16Kb}, the former buffer, beside
 * it), for a compound of 300 and of 2,000 piles (an overview of the page's shape, every pile's figures, a meter, a store
 * in a temporary directory, a control loop that has run a cycle; no upstream section, whose four figures cost no more
 * with more piles). Run by {@code tools/bench/metrics-scrape.sh}
 * with JMH's {@code -prof gc} for the bytes allocated per scrape (docs/benchmarks.md, "A scrape of /metrics").
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricsScrapeBenchmark {

    /** The page's metrics of a compound of {@code piles} piles. */
    @State(Scope.Thread)
    public static class Compound {
        @Param({"300", "2000"})
        public int piles;
        Path dir;
        Store store;
        ControlLoop loop;
        GatewayMetrics metrics;
        /** The page's, kept across scrapes as {@link MonitoringRoutes} keeps its. */
        final MetricsBody body = new MetricsBody();

        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = Files.createTempDirectory("metrics-bench");
            store = Store.open(StoreSettings.of(dir.resolve("orderly.db"), 30), Clock.systemUTC());
            List<PileDriver> drivers = new ArrayList<>(piles);
            for (int i = 0; i < piles; i++) {
                drivers.add(new UnheardPile("p" + i, i % 7));
            }
            loop = CycledLoop.of(drivers, store, Clock.systemUTC());
            FailureCounts polls = new FailureCounts();
            polls.onReading(new Reading("transformer", Map.of("power.total.kw", 40.0), Instant.now(), new Tick(0)));
            // Made once: a scrape takes the overview the page built last, it builds none.
            Overview shown = MadeOverview.of(piles, ControlMode.NORMAL);
            metrics = new GatewayMetrics(new MonitoredParts(loop, polls, store, Optional.empty(), drivers),
                    () -> shown, Clock.systemUTC());
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            loop.close();
            store.close();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : files) {
                Files.delete(p);
            }
        }
    }

    /** What the page does: {@link MonitoringRoutes#metrics}'s {@link MetricsBody}, begun at the last body's size. */
    @Benchmark
    public byte[] scrape(Compound c) throws IOException {
        return c.body.of(c.metrics::write);
    }

    /**
     * For comparison in the same run: the body into a buffer begun at 16 KB at every scrape, as the page did until
     * 2026-12-05 (docs/benchmarks.md, "A scrape of /metrics").
     */
    @Benchmark
    public byte[] scrapeFrom16Kb(Compound c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MetricsBody.FIRST);
        c.metrics.write(out);
        return out.toByteArray();
    }
}
