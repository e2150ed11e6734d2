package org.orderly.bridge.sense;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * The vehicle as read on the control pilot, debounced: a new state is taken once {@code debounce} bursts in a row
 * read it, except that leaving C is taken at the first burst that reads anything else (another state, or nothing
 * readable), so the pile opens its relay at once. Until the first state is taken it is A. It measures no power.
 */
public final class SensedVehicle implements Vehicle {

    private final String pileId;
    private final PilotBurst burst;
    private final int debounce;

    /** @param debounce how many bursts in a row must read a new state before it is taken (1 .. 50) */
    public SensedVehicle(String pileId, PilotBurst burst, int debounce) {
        this.pileId = Objects.requireNonNull(pileId, "pileId");
        this.burst = Objects.requireNonNull(burst, "burst");
        if (debounce < 1 || debounce > 50) {
            throw new IllegalArgumentException("pile " + pileId + ": pilot debounce " + debounce
                    + " must be within 1..50 bursts");
        }
        this.debounce = debounce;
    }

    /** Runs {@code listener} (the pile's step) on the sensing thread whenever the state taken changes. */
    public void onChange(Runnable listener) {
    }

    /** One burst: reads the pilot, takes a new state when it is due, and tells the listener if it changed. */
    public void sense() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Senses every {@code period} on {@code executor}, which should be the sensing's own. */
    public void start(ScheduledExecutorService executor, Duration period) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The state taken. */
    public VehicleState state() {
        return VehicleState.A;
    }

    /** What the last burst read. */
    public PilotReading lastReading() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase) {
        return new VehicleReading(state(), 0.0);
    }
}
