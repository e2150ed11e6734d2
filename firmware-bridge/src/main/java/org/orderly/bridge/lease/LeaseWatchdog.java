package org.orderly.bridge.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.orderly.text.Amps;
import org.orderly.text.AsWritten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current lease and hands every change of setpoint to a sink. {@link #grant} applies
 * a lease at once; {@link #tick} (run by a {@link ScheduledExecutorService} every tick period)
 * applies the safe current once the lease has lapsed. So a pile whose gateway stops refreshing
 * falls back no later than expiry + one tick. Starts in the safe current: no lease yet.
 *
 * <p>Each setpoint is handed to the sink under {@link #handOver}, and a tick's fallback only while it is still the
 * watchdog's setpoint: a grant that lands between a tick's decision and its hand-over is what the pile drives, not
 * the fallback decided before it. The sink runs outside the watchdog's own lock, which the pile takes under its own.
 */
public final class LeaseWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseWatchdog.class);

    private final String pileId;
    private final double safeAmps;
    private final Clock clock;
    private final ElapsedTime elapsed;
    private final Consumer<Setpoint> sink;
    private Setpoint setpoint;
    /** When the lease in force lapses, on {@link #elapsed}: its expiry as a wall-clock time is only reported. */
    private long lapsesAtNanos;
    private ScheduledFuture<?> ticking;
    /**
     * Held while a setpoint is set or checked and handed to the sink, so the pile gets them in the order the watchdog
     * took them. Not the watchdog's own lock: the pile holds its lock while it asks the watchdog (start), and the sink
     * takes the pile's lock. The watchdog's own log lines are written outside it.
     */
    private final Object handOver = new Object();

    /**
     * @param clock   the wall clock, for the expiry the pile reports
     * @param elapsed what a lease lapses by
     */
    public LeaseWatchdog(String pileId, double safeAmps, Clock clock, ElapsedTime elapsed, Consumer<Setpoint> sink) {
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (!(safeAmps >= 0.0)) {
            throw new IllegalArgumentException("pile " + pileId + ": safe current must be >= 0 A, got " + AsWritten.number(safeAmps));
        }
        this.safeAmps = safeAmps;
        this.setpoint = new Setpoint.Safe(safeAmps, "no lease yet");
    }

    /** Grants {@code amps} for {@code ttl} from now and applies it; returns the lease. */
    public Lease grant(double amps, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("pile " + pileId + ": lease ttl must be > 0, got " + ttl);
        }
        Lease lease = new Lease(amps, clock.instant().plus(ttl));
        Setpoint next = new Setpoint.Leased(lease);
        long lapsesAt = elapsed.nanos() + ttl.toNanos();
        LOG.debug("pile {}: lease {} until {}", pileId, Amps.of(amps), lease.expiry());
        synchronized (handOver) {
            synchronized (this) {
                setpoint = next;
                lapsesAtNanos = lapsesAt;
            }
            sink.accept(next);
        }
        return lease;
    }

    /** Checks the lease against the time passed since its grant; applies the safe current if it lapsed. */
    public void tick() {
        long now = elapsed.nanos();
        Setpoint fallback;
        synchronized (this) {
            // Compared by difference, as System.nanoTime must be: its count may wrap.
            if (!(setpoint instanceof Setpoint.Leased leased) || now - lapsesAtNanos < 0) {
                return;
            }
            fallback = new Setpoint.Safe(safeAmps, "lease of " + Amps.of(leased.lease().amps())
                    + " lapsed at " + leased.lease().expiry());
            setpoint = fallback;
        }
        LOG.warn("pile {}: {}; falling back to safe current {}", pileId,
                ((Setpoint.Safe) fallback).reason(), Amps.of(safeAmps));
        boolean stale;
        synchronized (handOver) {
            synchronized (this) {
                // a grant since the decision has handed its own lease over: the fallback decided before it is stale
                stale = setpoint != fallback;
            }
            if (!stale) {
                sink.accept(fallback);
            }
        }
        if (stale) {
            LOG.debug("pile {}: fallback not applied: a lease was granted since the lapse was found", pileId);
        }
    }

    public synchronized Setpoint setpoint() {
        return setpoint;
    }

    public double safeAmps() {
        return safeAmps;
    }

    /** Runs {@link #tick} every {@code period} on {@code executor} until {@link #close}. */
    public synchronized void start(ScheduledExecutorService executor, Duration period) {
        if (ticking != null) {
            throw new IllegalStateException("pile " + pileId + ": watchdog already started");
        }
        long millis = period.toMillis();
        ticking = executor.scheduleAtFixedRate(this::safeTick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // keep ticking; the pile re-drives its outputs from the setpoint on its next step
            LOG.error("pile {}: watchdog tick failed", pileId, e);
        }
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
