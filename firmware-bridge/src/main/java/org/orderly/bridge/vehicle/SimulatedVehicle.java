package org.orderly.bridge.vehicle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A simulated car. Unplugged it is state A; plugged it is B until the pile offers at least 6 A
 * and the battery is not full, then C. It draws min(offered, on-board charger, taper) where the
 * taper falls linearly from the charger limit at {@link VehicleSpec#taperFromSoc()} to 5 % of it
 * at full; at full it stops (B). {@link #fault} forces E (pilot error) until {@link #clearFault}. {@link #ignorePilot}
 * makes a car whose charger does not follow the duty cycle, until {@link #followPilot}.
 * Energy is integrated between steps at the draw decided on the previous step.
 */
public final class SimulatedVehicle implements Vehicle {

    static final double MIN_CHARGING_AMPS = 6.0;
    static final double TAPER_FLOOR = 0.05;

    private final VehicleSpec spec;
    private boolean plugged;
    private boolean faulted;
    /** A charger that does not follow the duty cycle: what it draws a phase while it charges, whatever is offered. */
    private OptionalDouble ignoringPilotAmps = OptionalDouble.empty();
    private double soc;
    private Instant last;
    private VehicleReading reading = VehicleReading.ABSENT;

    public SimulatedVehicle(VehicleSpec spec, double initialSoc) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!(initialSoc >= 0.0 && initialSoc <= 1.0)) {
            throw new IllegalArgumentException("state of charge must be within 0..1, got " + initialSoc);
        }
        this.soc = initialSoc;
    }

    public synchronized void plugIn() {
        plugged = true;
    }

    public synchronized void unplug() {
        plugged = false;
    }

    public synchronized void fault() {
        faulted = true;
    }

    public synchronized void clearFault() {
        faulted = false;
    }

    /**
     * From now on, while it charges (at least 6 A offered), it draws {@code amps} a phase whatever the duty cycle
     * offers, as a charger that does not follow the pilot does (still within its on-board charger and taper).
     */
    public synchronized void ignorePilot(double amps) {
        ignoringPilotAmps = OptionalDouble.of(amps);
    }

    /** From now on it draws what it is offered again. */
    public synchronized void followPilot() {
        ignoringPilotAmps = OptionalDouble.empty();
    }

    public synchronized double stateOfCharge() {
        return soc;
    }

    @Override
    public synchronized VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase) {
        if (last != null && now.isAfter(last)) {
            double hours = Duration.between(last, now).toNanos() / 3.6e12;
            soc = Math.min(1.0, soc + reading.powerKw() * hours / spec.capacityKwh());
        }
        last = now;
        reading = decide(offeredAmps, phases, voltsPerPhase);
        return reading;
    }

    private VehicleReading decide(double offeredAmps, int phases, double voltsPerPhase) {
        if (faulted) {
            return new VehicleReading(VehicleState.E, 0.0);
        }
        if (!plugged) {
            return VehicleReading.ABSENT;
        }
        if (offeredAmps < MIN_CHARGING_AMPS || soc >= 1.0) {
            return new VehicleReading(VehicleState.B, 0.0);
        }
        double wantedKw = ignoringPilotAmps.orElse(offeredAmps) * phases * voltsPerPhase / 1000.0;
        double kw = Math.min(wantedKw, Math.min(spec.onBoardChargerKw(), taperLimitKw()));
        return new VehicleReading(VehicleState.C, kw);
    }

    private double taperLimitKw() {
        if (soc <= spec.taperFromSoc()) {
            return spec.onBoardChargerKw();
        }
        double left = (1.0 - soc) / (1.0 - spec.taperFromSoc());
        return spec.onBoardChargerKw() * Math.max(TAPER_FLOOR, left);
    }
}
