package org.orderly.gateway.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.ControlMode;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.policy.PlanAsks;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.ClockWatch;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control thread: every {@code period} it takes what the field last reported ({@link FieldView}), runs the
 * I/O-free {@link ControlCycle}, offers the changed amperes to the pile drivers and records the cycle. Nothing
 * here waits on I/O: readings come from lock-free holders, offers and store writes only queue. A cycle that
 * throws is logged with its number and the loop goes on.
 */
public final class ControlLoop implements AutoCloseable {
    /** The least lateness taken for a stall: a busy CPU or a GC pause delays a short period's cycle by seconds. */
    public static final Duration LEAST_MARGIN = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    private final ControlCycle cycle;
    private final FieldView field;
    private final SetpointSender sender;
    private final CycleRecorder recorder;
    private final Supplier<List<GridCap>> caps;
    private final Supplier<OptionalDouble> evCap;
    private final Clock clock;
    private final Ticker ticker;
    /** Control thread only. */
    private final ClockWatch watch;
    private final Duration period;
    private final Queue<Runnable> onControlThread = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService thread;
    private volatile long cycles;
    private volatile long failures;
    private volatile ControlMode mode;
    /** The last cycle with what it was shown, published as one value ({@link CycleSeen}); null before the first. */
    private volatile CycleSeen last;
    /** When the last cycle completed, on the ticker; null before the first. */
    private volatile Tick lastAt;
    /** Cycles that took longer than the period (the next one started late). */
    private volatile long overruns;
    private final List<CycleListener> observers = new CopyOnWriteArrayList<>();
    private final ReservationsAwaitingPlan awaitingPlan;

    /**
     * @param evCap  the EV power the grid's load-control contact allows now, empty when it is released
     * @param ticker the gateway's monotonic ticker, on which the step that sets a clock found below the cycle's floor
     *               is measured (docs/operations.md, "The clock")
     */
    ControlLoop(ControlCycle cycle, FieldView field, CycleRecorder recorder, Supplier<List<GridCap>> caps,
                Supplier<OptionalDouble> evCap, Clock clock, Ticker ticker, Duration period) {
        this.watch = new ClockWatch(cycle.clockFloor());
        this.ticker = ticker;
        this.evCap = evCap;
        this.cycle = cycle;
        this.field = field;
        this.sender = new SetpointSender(field.drivers());
        this.awaitingPlan = new ReservationsAwaitingPlan(field.drivers().size());
        this.recorder = recorder;
        this.caps = caps;
        this.clock = clock;
        this.period = period;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orderly-control");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * How long after its last completed cycle a loop of {@code period} counts as stalled: its period plus a margin of
     * another period (a fixed-rate loop catches up on a late cycle), at least {@link #LEAST_MARGIN}. The service
     * manager's watchdog and the telemetry judge a stall by it.
     */
    public static Duration overdueAfter(Duration period) {
        return period.plus(period.compareTo(LEAST_MARGIN) > 0 ? period : LEAST_MARGIN);
    }

    /** Starts cycling at the fixed period. */
    public void start() {
        long ms = period.toMillis();
        thread.scheduleAtFixedRate(this::safeCycle, 0, ms, TimeUnit.MILLISECONDS);
        LOG.info("control loop started, period {} ms", ms);
    }

    /** Runs one cycle now, on the caller's thread (tests; live it runs on the control thread only). */
    void runCycle() {
        Tick began = ticker.now();
        applyQueued();
        Instant now = clock.instant();
        // Found set after it was not: what the unset clock gave this run's sessions and rows is moved by the step.
        watch.see(now, ticker.now()).ifPresent(step -> {
            cycle.sessions().restamp(step);
            awaitingPlan.restamp(step);
            recorder.clockSet(step);
        });
        TransformerReading transformer = field.transformer();
        List<PileObservation> piles = field.piles(now);
        // What each pile offers on its own can change while it runs (a Modbus pile's fallback register written).
        for (int i = 0; i < field.drivers().size(); i++) {
            cycle.fallback(i, field.drivers().get(i).fallback());
        }
        CycleResult result = cycle.run(now, transformer, piles, caps.get(), evCap.get());
        sender.send(result.allocation().amps(), piles, cycle::offeredYet);
        // One value per cycle, made once: the recorder, the upstream link's telemetry (through the recorder's listener),
        // the observers and the page (lastCycle) are handed the same (until 2026-12-07 the upstream link made its own).
        CycleSeen seen = new CycleSeen(now, transformer, piles, result);
        recorder.record(seen);
        mode = result.mode();
        last = seen;
        // After the cycle is published: a page that finds a reservation no longer awaiting reads a plan that knows it.
        awaitingPlan.cycled(result.plugged(), cycle.planAsks());
        Tick ended = ticker.now();
        if (ended.nanos() - began.nanos() > period.toNanos()) {
            overruns++;
        }
        lastAt = ended;
        cycles++;
        if (!observers.isEmpty()) { // no iterator per cycle for a gateway nobody observes
            for (CycleListener observer : observers) {
                observer.cycle(seen);
            }
        }
    }

    /**
     * Adds {@code observer}, which hears every cycle from the next on, after it was recorded and counted in
     * {@link #cycles()}: what the field showed it and what it decided, on the control thread (it must not wait). A
     * test counts in cycles by it what a wall-clock time would tell only on an idle machine.
     */
    public void observe(CycleListener observer) {
        observers.add(observer);
    }

    /** What was queued for the control thread ({@link #declare}, {@link #limitPile}), in the order queued. */
    private void applyQueued() {
        Runnable task;
        while ((task = onControlThread.poll()) != null) {
            task.run();
        }
    }

    private void safeCycle() {
        try {
            runCycle();
        } catch (RuntimeException e) {
            failures++;
            LOG.error("control cycle {} failed (mode {}); the loop goes on", cycles + failures, mode, e);
        } catch (Error e) {
            LOG.error("control cycle {} failed fatally (mode {}); the control loop stops", cycles + failures, mode, e);
            throw e;
        }
    }

    /**
     * Records a resident's declaration for the session on a pile; applied on the control thread at the next cycle, and
     * awaiting a plan made after it until then ({@link #reservationsAwaitingPlan}).
     */
    public void declare(int pileIndex, Declaration declared) {
        awaitingPlan.saved(pileIndex, declared);
        onControlThread.add(() -> {
            // Before this cycle asks for a plan: one asked from it on knows the declaration.
            PlanAsks asks = cycle.planAsks();
            cycle.declare(pileIndex, declared).ifPresentOrElse(
                    session -> awaitingPlan.applied(pileIndex, session, declared, asks), () -> {
                        awaitingPlan.ignored(pileIndex, declared);
                        LOG.warn("declaration for pile {} ignored: no vehicle plugged in", pileIndex);
                    });
        });
    }

    /** Whether pile {@code pileId}'s last report could not be placed ({@link FieldView#reportUnplaceable}). */
    public boolean reportUnplaceable(String pileId) {
        return field.reportUnplaceable(pileId);
    }

    /** The reservations saved that the plan may not know yet: the page says them as such. */
    public ReservationsAwaitingPlan reservationsAwaitingPlan() {
        return awaitingPlan;
    }

    /**
     * The installer limits a pile to {@code maxA} amperes (0 pauses it, infinity lifts the limit); applied on the
     * control thread at the next cycle. The caller validates; a value the policy refuses is logged.
     */
    public void limitPile(int pileIndex, double maxA) {
        onControlThread.add(() -> {
            try {
                cycle.limitPile(pileIndex, maxA);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.warn("limit for pile {} ignored: {}", pileIndex, e.getMessage());
            }
        });
    }

    public long cycles() {
        return cycles;
    }

    public long failures() {
        return failures;
    }

    /** Cycles that took longer than the period, so that the next one began late. */
    public long overruns() {
        return overruns;
    }

    /** How long ago the last cycle completed, on the ticker; empty before the first. */
    public Optional<Duration> sinceLastCycle() {
        Tick at = lastAt;
        return at == null ? Optional.empty() : Optional.of(ticker.now().since(at));
    }

    /** This loop's bound for a stall ({@link #overdueAfter} of its period). */
    public Duration overdueAfter() {
        return overdueAfter(period);
    }

    /** The mode of the last cycle; null before the first. */
    public ControlMode mode() {
        return mode;
    }

    /** The last cycle's result; null before the first. */
    public CycleResult lastResult() {
        CycleSeen seen = last;
        return seen == null ? null : seen.result();
    }

    /** The last cycle with the reading and the piles' reports it decided on; null before the first. */
    public CycleSeen lastCycle() {
        return last;
    }

    /**
     * Stops the control thread, waiting for a running cycle to end; then what was queued for it since its last cycle is
     * applied (a declaration accepted then is not lost), and the open sessions are written as last seen in the last
     * cycle, with what is declared for them now (neither when the thread could not be stopped: the cycle and the
     * recorder are the control thread's alone).
     */
    @Override
    public void close() {
        thread.shutdown();
        boolean ended = false;
        try {
            ended = thread.awaitTermination(5, TimeUnit.SECONDS);
            if (!ended) {
                LOG.warn("control cycle did not end within 5 s; interrupting");
                thread.shutdownNow();
                ended = thread.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (ended) {
            // The control thread has ended: its cycle and recorder are this thread's now.
            try {
                applyQueued();
            } catch (RuntimeException e) {
                LOG.error("a change queued for the control thread failed at the stop; the open sessions are written"
                        + " without it and any queued after it", e);
            }
            recorder.stopped(cycle.sessions().declarations());
        } else {
            LOG.warn("control thread still running: open sessions not written at stop (their rows are at most {} old)",
                    CycleRecorder.REWRITE_EVERY);
        }
        LOG.info("control loop stopped after {} cycles ({} failed)", cycles, failures);
    }
}
