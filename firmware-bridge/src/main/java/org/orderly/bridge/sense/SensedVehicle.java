package org.orderly.bridge.sense;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;
import org.orderly.bridge.vehicle.VehicleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vehicle as read on the control pilot, debounced ({@link StateDebounce}): a new state is taken once
 * {@code debounce} bursts in a row read it, except that leaving C is taken at the first burst that reads anything
 * else (another state, or nothing readable), so the pile opens its relay at once. A burst that did not cover the pilot
 * (its thread preempted too long: {@link PilotReading.Uncovered}) is set aside when it is the first in a row, and the
 * second in a row is read as F. Until the first state is taken it is A. It measures no power: {@link #step} reports
 * 0 kW, for a meter to wrap.
 *
 * <p>Sensing runs on its own thread ({@link #start}), apart from the pile's tick; when the state taken changes, and when
 * the first is taken (the A it began with read, too: the bridge serves once its pile has stepped on it), it runs the
 * listener there (the pile's step, which re-drives the relay under the pile's lock). {@link #step}, which the pile
 * calls under that lock, only reads the state taken, so the two never wait on each other.
 *
 * <p>The log says each state taken, once: WARN when it is E or F (why: no diode, ventilation asked for, a level
 * outside every band, the converter unreadable), INFO when the pilot reads a vehicle again and for any other change.
 */
public final class SensedVehicle implements Vehicle {

    private static final Logger LOG = LoggerFactory.getLogger(SensedVehicle.class);
    /** Fewer conversions per millisecond than this may miss the 100 us positive part of a 10 % duty. */
    static final double ENOUGH_CONVERSIONS_PER_MS = 20.0;

    private final String pileId;
    private final PilotBurst burst;
    private final StateDebounce debounce;
    /** One burst at a time: the sensing thread's, or a test's. Never held while the listener runs. */
    private final Object sensing = new Object();
    private volatile Runnable listener = () -> { };
    private volatile VehicleState state = VehicleState.A;
    /** Whether {@link #state} was read on the pilot: until then it is the A it began with, which says no car is absent. */
    private volatile boolean stateRead;
    private volatile PilotReading lastReading;
    private boolean toldRate;
    private long burstsInTrouble;
    /** Bursts in a row that did not cover the pilot: the first is set aside, a second is taken as F. */
    private int uncoveredInARow;
    private long setAside;

    /** @param debounce how many bursts in a row must read a new state before it is taken (1 .. 50) */
    public SensedVehicle(String pileId, PilotBurst burst, int debounce) {
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.burst = Objects.requireNonNull(burst, "burst");
        if (debounce < 1 || debounce > 50) {
            throw new IllegalArgumentException("pile " + pileId + ": pilot debounce " + debounce
                    + " must be within 1..50 bursts");
        }
        this.debounce = new StateDebounce(debounce, VehicleState.A);
    }

    /** Runs {@code listener} (the pile's step) on the sensing thread whenever the state taken changes or is first read. */
    public void onChange(Runnable listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** One burst: reads the pilot, takes a new state when it is due, and tells the listener if it changed. */
    public void sense() {
        boolean changed;
        boolean firstRead;
        synchronized (sensing) {
            PilotReading reading = read();
            lastReading = reading;
            if (setAside(reading)) {
                return;
            }
            VehicleState before = debounce.taken();
            changed = debounce.read(reading.state());
            burstsInTrouble = trouble(before) ? burstsInTrouble + 1 : 0;
            if (changed) {
                state = debounce.taken();
                say(before, reading);
            }
            // Said after the state is taken: a pile's step that finds it read then reads the state taken.
            firstRead = !stateRead && debounce.read();
            stateRead = debounce.read();
        }
        if (changed || firstRead) { // the first state read, A too: the bridge serves once its pile has stepped on it
            listener.run();
        }
    }

    /**
     * Whether {@code reading} is a burst that did not cover the pilot and the first in a row: it is not fed to the
     * debounce, for a preempted burst says nothing of the vehicle, and leaving C on it would open the relay under
     * load. A second in a row is fed (as F): a pile that keeps failing to read its pilot must not go on charging.
     */
    private boolean setAside(PilotReading reading) {
        if (!(reading instanceof PilotReading.Uncovered)) {
            uncoveredInARow = 0;
            return false;
        }
        uncoveredInARow++;
        if (uncoveredInARow > 1) {
            return false;
        }
        setAside++;
        LOG.debug("pile {}: pilot burst set aside ({} so far): {}", pileId, setAside, reading.describe());
        return true;
    }

    private PilotReading read() {
        try {
            PilotPeaks peaks = burst.read();
            tellRateOnce(peaks);
            return PilotLevels.classify(peaks);
        } catch (IOException e) {
            return PilotLevels.unreadable(e);
        }
    }

    private static boolean trouble(VehicleState state) {
        return state == VehicleState.E || state == VehicleState.F;
    }

    private void say(VehicleState before, PilotReading reading) {
        VehicleState now = debounce.taken();
        if (trouble(now)) {
            LOG.warn("pile {}: pilot {}; relay open, state {} until it reads a vehicle again", pileId,
                    reading.describe(), now);
        } else if (trouble(before)) {
            LOG.info("pile {}: pilot reads again: {} after {} bursts in state {}", pileId, reading.describe(),
                    burstsInTrouble, before);
        } else {
            LOG.info("pile {}: vehicle {} -> {} ({})", pileId, before, now, reading.describe());
        }
    }

    /** Says once how fast the converter is, and warns if too slow to see a 10 % duty's positive part. */
    private void tellRateOnce(PilotPeaks peaks) {
        // a preempted burst's rate is the scheduler's, not the converter's; but a converter too slow to cover the
        // pilot is told of at its second burst
        if (toldRate || !peaks.covered() && uncoveredInARow == 0) {
            return;
        }
        toldRate = true;
        double perMs = peaks.conversions() * 1e6 / Math.max(1, peaks.spanNanos());
        String rate = String.format(Locale.ROOT, "%d conversions in %.2f ms (%.0f per ms)", peaks.conversions(),
                peaks.spanNanos() / 1e6, perMs);
        if (perMs < ENOUGH_CONVERSIONS_PER_MS) {
            LOG.warn("pile {}: pilot burst of {}: fewer than {} per ms may miss the 100 us positive part of a 10 % "
                    + "duty; raise --pilot-spi-hz", pileId, rate, (int) ENOUGH_CONVERSIONS_PER_MS);
        } else {
            LOG.info("pile {}: pilot burst of {}", pileId, rate);
        }
    }

    /** Senses every {@code period} on {@code executor}, which should be the sensing's own. */
    public void start(ScheduledExecutorService executor, Duration period) {
        long nanos = period.toNanos();
        executor.scheduleWithFixedDelay(this::safeSense, 0, nanos, TimeUnit.NANOSECONDS);
    }

    /** A failure in the listener (the pile's step) is logged; the next burst runs as usual, as the pile's tick does. */
    private void safeSense() {
        try {
            sense();
        } catch (RuntimeException e) {
            LOG.error("pile {}: acting on the pilot's state {} failed", pileId, state, e);
        }
    }

    /** The state taken. */
    public VehicleState state() {
        return state;
    }

    /** What the last burst read; null before the first. */
    public PilotReading lastReading() {
        return lastReading;
    }

    @Override
    public boolean seesUnplug() {
        return true;
    }

    @Override
    public boolean stateRead() {
        return stateRead;
    }

    @Override
    public VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase) {
        return new VehicleReading(state, 0.0);
    }
}
