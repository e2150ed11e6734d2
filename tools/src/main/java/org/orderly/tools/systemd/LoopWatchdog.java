package org.orderly.tools.systemd;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd the gateway is alive only while its control loop really cycles: {@code READY=1} after the first
 * cycle, then {@code WATCHDOG=1} at each check while a cycle has completed within {@link ControlLoop#overdueAfter} of
 * now, on the monotonic ticker. A loop that stalls (stuck cycle, every cycle throwing, dead thread) stops the
 * notifications, and systemd restarts the service after {@code WatchdogSec=}. A timer thread that merely exists proves
 * nothing, so liveness is the cycle counter, not this thread. The judgement is by elapsed time, not by "advanced since
 * the last check": a loop waiting for its next cycle is alive, whether the period is shorter or longer than the check.
 */
public final class LoopWatchdog implements AutoCloseable {
    /** How often readiness is checked when systemd asks for no watchdog. */
    static final Duration READINESS_CHECK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(LoopWatchdog.class);

    private final LongSupplier cycles;
    private final Duration period;
    private final Ticker ticker;
    private final ServiceManager manager;
    private final boolean watchdog;
    private final Duration interval;
    private final Duration overdueAfter;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orderly-systemd-watchdog");
        t.setDaemon(true);
        return t;
    });
    private long lastSeen;
    /** When a check last saw the count advance; meaningful once ready. */
    private Tick lastAdvance;
    private boolean ready;
    private boolean stalled;

    /**
     * @param cycles   the control loop's completed cycles ({@code ControlLoop::cycles})
     * @param period   the control loop's period ({@code control.periodMs})
     * @param ticker   the gateway's monotonic ticker
     * @param interval how often systemd wants {@code WATCHDOG=1}; empty when it wants none (readiness only)
     */
    public LoopWatchdog(LongSupplier cycles, Duration period, Ticker ticker, ServiceManager manager,
                        Optional<Duration> interval) {
        this.cycles = cycles;
        this.period = period;
        this.ticker = ticker;
        this.manager = manager;
        this.watchdog = interval.isPresent();
        this.interval = interval.orElse(READINESS_CHECK);
        this.overdueAfter = ControlLoop.overdueAfter(period);
    }

    /** Checks at the interval on its own daemon thread until closed. */
    public void start() {
        long ms = Math.max(1, interval.toMillis());
        thread.scheduleAtFixedRate(this::checkAndNotify, 0, ms, TimeUnit.MILLISECONDS);
        LOG.info("systemd notifications: {}", summary());
    }

    /** What is sent, as {@link #start} logs it: nothing when no systemd listens. */
    String summary() {
        if (manager instanceof ServiceManager.Absent) {
            return "none (not started by systemd: NOTIFY_SOCKET is unset)";
        }
        return "readiness" + (watchdog ? ", watchdog every " + Math.max(1, interval.toMillis()) + " ms" : "");
    }

    /** The notifications due now, given the cycle count and the ticker; remembers what it has seen. */
    synchronized List<String> check() {
        long now = cycles.getAsLong();
        Tick at = ticker.now();
        List<String> due = new ArrayList<>(2);
        if (now > lastSeen) {
            lastSeen = now;
            lastAdvance = at;
            if (!ready) {
                due.add("READY=1");
                ready = true;
            }
            if (stalled) {
                LOG.info("control loop cycling again at cycle {}", now);
                stalled = false;
            }
        } else if (ready && !stalled && at.since(lastAdvance).compareTo(overdueAfter) > 0) {
            LOG.error("control loop stalled at cycle {}: no cycle completed for {} ms (period {} ms, overdue after {}"
                            + " ms); not notifying systemd{}", now, at.since(lastAdvance).toMillis(), period.toMillis(),
                    overdueAfter.toMillis(), watchdog ? ", which will restart the service" : "");
            stalled = true;
        }
        if (watchdog && ready && !stalled) {
            due.add("WATCHDOG=1");
        }
        return due;
    }

    /** Whether the last check found the loop stalled (and said so in the log). */
    synchronized boolean stalled() {
        return stalled;
    }

    private void checkAndNotify() {
        for (String state : check()) {
            try {
                manager.notify(state);
            } catch (IOException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
    }

    /**
     * Stops checking and tells systemd the service is stopping. A notification in flight is let finish: interrupting
     * it would close the socket under it (an interrupted NIO channel closes), and STOPPING=1 would be lost. For the
     * same reason the caller's interrupt is put aside while it waits and sends, and restored after.
     */
    @Override
    public void close() {
        thread.shutdown();
        boolean interrupted = Thread.interrupted();
        try {
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("systemd notifications: a notification still in flight after 1 s; interrupting it");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            thread.shutdownNow();
        }
        try {
            manager.notify("STOPPING=1");
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage());
        } finally {
            manager.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
