package org.orderly.gateway.upstream.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.upstream.message.TelemetryBody;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every telemetry period, on its own thread ({@code orderly-upstream-telemetry}), takes the last cycle the control
 * thread handed over and the transformer meter's per-phase currents ({@code current.a.a}, {@code current.b.a},
 * {@code current.c.a} of its register map, when fresh) and queues a telemetry message. No cycle yet, no message.
 */
public final class TelemetrySampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySampler.class);

    private final AtomicReference<CycleSeen> last = new AtomicReference<>();
    private final TelemetryCalculator calculator;
    private final Supplier<List<GridCap>> caps;
    private final LatestReadings readings;
    private final String transformerMeter;
    private final Duration staleAfter;
    private final Outbox outbox;
    private final Clock clock;
    private final Ticker ticker;
    private final ScheduledExecutorService thread;

    public TelemetrySampler(TelemetryCalculator calculator, Supplier<List<GridCap>> caps, LatestReadings readings,
                            String transformerMeter, Duration staleAfter, Outbox outbox, Clock clock, Ticker ticker) {
        this.calculator = calculator;
        this.caps = caps;
        this.readings = readings;
        this.transformerMeter = transformerMeter;
        this.staleAfter = staleAfter;
        this.outbox = outbox;
        this.clock = clock;
        this.ticker = ticker;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orderly-upstream-telemetry");
            t.setDaemon(true);
            return t;
        });
    }

    /** From the control thread: the newest cycle replaces the one before (nothing queues up). */
    public void seen(CycleSeen cycle) {
        last.set(cycle);
    }

    public void start(Duration period) {
        long ms = period.toMillis();
        thread.scheduleAtFixedRate(this::sampleSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Queues one telemetry message now; false when there has been no cycle yet or the outbox queue is full. */
    public boolean sample() {
        CycleSeen seen = last.get();
        if (seen == null) {
            return false;
        }
        Instant now = clock.instant();
        return outbox.offer(now, calculator.of(seen, caps.get(), phases(), now));
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.error("telemetry sample failed; the next one is tried in a period", e);
        }
    }

    private TelemetryBody.PhaseCurrents phases() {
        if (readings == null) {
            return null;
        }
        Optional<Reading> r = readings.latest(transformerMeter);
        if (r.isEmpty() || r.get().isStale(ticker.now(), staleAfter)) {
            return null;
        }
        OptionalDouble a = r.get().value("current.a.a");
        OptionalDouble b = r.get().value("current.b.a");
        OptionalDouble c = r.get().value("current.c.a");
        if (a.isEmpty() || b.isEmpty() || c.isEmpty()) {
            return null;
        }
        return new TelemetryBody.PhaseCurrents(a.getAsDouble(), b.getAsDouble(), c.getAsDouble());
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
