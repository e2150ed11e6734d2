package org.orderly.gateway.upstream.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every telemetry period, on its own thread ({@code orderly-upstream-telemetry}), takes the last cycle the control
 * thread handed over and queues a telemetry message of it: every figure, the phase currents too, from what that cycle
 * saw (one reading of the meter), none from a newer reading. No cycle yet, no message.
 */
public final class TelemetrySampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySampler.class);

    private final AtomicReference<CycleSeen> last = new AtomicReference<>();
    private final TelemetryCalculator calculator;
    private final Outbox outbox;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    public TelemetrySampler(TelemetryCalculator calculator, Outbox outbox, Clock clock) {
        this.calculator = calculator;
        this.outbox = outbox;
        this.clock = clock;
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
        return outbox.offer(now, calculator.of(seen, now));
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.error("telemetry sample failed; the next one is tried in a period", e);
        }
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
