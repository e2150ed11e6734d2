package org.orderly.gateway.upstream.telemetry;

import org.orderly.gateway.app.live.CycleSeen;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.upstream.message.TelemetryBody;
import org.orderly.gateway.upstream.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every telemetry period, on its own thread ({@code orderly-upstream-telemetry}), takes the last cycle the control
 * thread handed over and queues a telemetry message of it: every figure, the phase currents too, from what that cycle
 * saw (one reading of the meter), none from a newer reading. No cycle yet, no message.
 *
 * <p>Nor while the control loop is stalled ({@link #pauseWithoutCyclesFor}): its last cycle, sampled again with a fresh
 * {@code ts} and mode {@code normal}, would tell the grid company of a load and a room that nobody has seen for that
 * long. Under systemd the watchdog restarts such a gateway; under Kura nothing does.
 */
public final class TelemetrySampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySampler.class);

    private final AtomicReference<Handed> last = new AtomicReference<>();
    private final TelemetryCalculator calculator;
    private final Outbox outbox;
    private final Clock clock;
    private final Ticker ticker;
    private final ScheduledExecutorService thread;
    /** How long after the last cycle no telemetry is sent; null: sent whatever the cycle's age. */
    private volatile Duration overdueAfter;
    /** Whether the stall was said (the sampling thread's; a test's own calls to {@link #sample} too). */
    private boolean paused;

    /** A cycle, and when the control thread handed it over, on the ticker. */
    private record Handed(CycleSeen cycle, Tick at) {
    }

    public TelemetrySampler(TelemetryCalculator calculator, Outbox outbox, Clock clock, Ticker ticker) {
        this.calculator = calculator;
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
        last.set(new Handed(cycle, ticker.now()));
    }

    /**
     * From now on no telemetry is sent while the last cycle is older than {@code overdueAfter} on the ticker (the
     * control loop's own bound for a stall, {@code ControlLoop.overdueAfter}), until a cycle comes again.
     */
    public void pauseWithoutCyclesFor(Duration overdueAfter) {
        this.overdueAfter = overdueAfter;
    }

    public void start(Duration period) {
        long ms = period.toMillis();
        thread.scheduleAtFixedRate(this::sampleSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues one telemetry message now; false when there has been no cycle yet, the last is overdue, or the outbox
     * queue is full.
     */
    public boolean sample() {
        Handed handed = last.get();
        if (handed == null) {
            return false;
        }
        Duration bound = overdueAfter;
        if (bound != null) {
            Duration age = ticker.now().since(handed.at());
            if (age.compareTo(bound) > 0) {
                if (!paused) {
                    paused = true;
                    LOG.warn("telemetry: no control cycle for {} (more than {}): none is sent until the control loop"
                            + " cycles again", age, bound);
                }
                return false;
            }
            if (paused) {
                paused = false;
                LOG.info("telemetry: the control loop cycles again; telemetry is sent again");
            }
        }
        Instant now = clock.instant();
        return outbox.offer(now, of(handed.cycle()));
    }

    /**
     * The telemetry of the last cycle, as {@link #sample} would send it now; null when it would send none (no cycle
     * yet, or the last is overdue). For the command thread (an accepted cap's reply says what of it can be met).
     */
    public TelemetryBody latest() {
        Handed handed = last.get();
        if (handed == null) {
            return null;
        }
        Duration bound = overdueAfter;
        if (bound != null && ticker.now().since(handed.at()).compareTo(bound) > 0) {
            return null;
        }
        return of(handed.cycle());
    }

    /** One thread at a time in the calculator: the sampling thread and the command thread both ask it. */
    private TelemetryBody of(CycleSeen cycle) {
        synchronized (calculator) {
            return calculator.of(cycle);
        }
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
