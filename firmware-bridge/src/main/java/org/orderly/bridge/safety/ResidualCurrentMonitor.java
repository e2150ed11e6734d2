package org.orderly.bridge.safety;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.bridge.pile.Pile;
import org.orderly.bridge.pile.PileFault;
import org.orderly.bridge.pile.RepeatedFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A residual current monitor (a 6 mA DC RCM module) whose fault output is a board input: when it reads the trip level
 * the pile trips at once, on the thread that saw the pin change, not at its next tick (the relay opens, the pilot goes
 * to F); when it reads normal again the pile is stepped, so that it may await the unplug that releases the fault. An
 * input already at the trip level when the monitor starts trips the pile then. An input that cannot be read trips it
 * too ({@link PileFault#residualCurrentMonitorUnreadable}): a protection that cannot run fails safe. Besides the pin's
 * changes, {@link #start} reads it every period, as a pin that breaks says nothing to a listener.
 */
public final class ResidualCurrentMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResidualCurrentMonitor.class);

    private final String pileId;
    private final DigitalInput input;
    private final DigitalState tripLevel;
    private final Pile pile;
    private final RepeatedFailures failures;
    private final DigitalStateChangeListener listener = event -> check();
    // What the input said at its last read, for the faults' causes: a step asks them without reading the input, so a
    // broken input fails no step. While it cannot be read, tripped keeps its last reading (a trip holds).
    private volatile boolean tripped;
    private volatile boolean unreadable;
    private ScheduledExecutorService reading;

    /** @param tripLevel the level the input reads while the monitor says a residual current */
    public ResidualCurrentMonitor(String pileId, Context pi4j, int pin, DigitalState tripLevel, Pile pile) {
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.tripLevel = Objects.requireNonNull(tripLevel, "tripLevel");
        this.pile = Objects.requireNonNull(pile, "pile");
        this.failures = new RepeatedFailures(LOG, pileId, "residual current monitor read");
        this.input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id("residual-current-monitor").name("Residual current monitor").address(pin).build());
        input.addListener(listener);
        LOG.info("pile {}: residual current monitor on pin {}, trips at {}", pileId, pin, tripLevel);
        check();
    }

    /** Whether the monitor's output said a residual current at its last read. */
    public boolean tripped() {
        return tripped;
    }

    /**
     * Reads the monitor's output once, as its reading thread and the pin's listener do: tripped, or unreadable, trips
     * the pile; normal again after either steps it. A read that fails is logged as {@link RepeatedFailures} says.
     */
    public synchronized void check() {
        boolean wasFaulty = tripped || unreadable;
        try {
            tripped = input.state() == tripLevel;
            unreadable = false;
        } catch (RuntimeException e) {
            unreadable = true;
            failures.failed(e);
            pile.trip(PileFault.residualCurrentMonitorUnreadable(() -> unreadable));
            return;
        }
        failures.succeeded();
        if (tripped) {
            pile.trip(PileFault.residualCurrent(() -> tripped));
        } else if (wasFaulty) {
            pile.step();
        }
    }

    /** Reads the input every {@code period} on a thread of its own, until closed. */
    public synchronized void start(Duration period) {
        reading = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rcm-" + pileId);
            t.setDaemon(true);
            return t;
        });
        reading.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) { // the pile's step it caused: logged, and the reads go on
                failures.failed(e);
            }
        }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        input.removeListener(listener);
        ScheduledExecutorService running;
        synchronized (this) {
            running = reading;
        }
        if (running != null) {
            running.shutdown();
            if (!running.awaitTermination(2, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        }
    }
}
