package org.orderly.bridge.meter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.orderly.bridge.vehicle.MeteredSession;
import org.orderly.bridge.vehicle.PlugInWatch;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * Any {@link Vehicle} (simulated, or sensed on the control pilot) with its draw measured by the pile's meter: the state
 * is the vehicle's; the power is the meter's while in C and 0 otherwise; the session's energy is the meter's count now
 * minus its count at the plug-in (the step at which the state went to B or C from neither), held while unplugged. The
 * plug-in is the pile's ({@link PlugInWatch}): E or F under it, shorter than {@link PlugInWatch#KEPT_THROUGH_FAULT},
 * is no new plug-in, and the count goes on from the same start.
 *
 * <p>While the meter's latest answer is not good the energy stays at its last good value and the power, in C, is the
 * most the offer allows (offered A x phases x V): the gateway shares out current by it, so it must not read low. A
 * meter not read yet at the plug-in starts the session at its first good answer.
 *
 * <p>With a meter that reads the phase currents, the session says the most loaded phase's, in C while the meter answers
 * well: the pile's over-current check takes it rather than the power spread over the phases.
 *
 * <p>It only reads {@link PileMeter#reading()}, never the wire: the pile steps it under its lock.
 */
public final class MeteredVehicle implements Vehicle {

    private final Vehicle vehicle;
    private final Supplier<MeterReading> meter;
    private final PlugInWatch plugIn = new PlugInWatch();
    /** The meter's count at the plug-in; empty until it has one. */
    private OptionalDouble countAtPlugIn = OptionalDouble.empty();
    private double sessionEnergyKwh;

    /** {@code vehicle} metered by {@code meter}, which must answer at once (a {@link PileMeter#reading()}). */
    public MeteredVehicle(Vehicle vehicle, Supplier<MeterReading> meter) {
        this.vehicle = Objects.requireNonNull(vehicle, "vehicle");
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    @Override
    public boolean seesUnplug() {
        return vehicle.seesUnplug();
    }

    @Override
    public boolean stateRead() {
        return vehicle.stateRead();
    }

    @Override
    public synchronized VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase) {
        VehicleState state = vehicle.step(now, offeredAmps, phases, voltsPerPhase).state();
        MeterReading reading = meter.get();
        Optional<MeterValues> good = reading.lastGood();
        if (plugIn.see(state, now) == PlugInWatch.Change.BEGAN) {
            countAtPlugIn = OptionalDouble.empty();
            sessionEnergyKwh = 0.0;
        }
        if (state.plugged() && good.isPresent()) {
            if (countAtPlugIn.isEmpty()) {
                countAtPlugIn = OptionalDouble.of(good.get().countedKwh());
            }
            sessionEnergyKwh = good.get().countedKwh() - countAtPlugIn.getAsDouble();
        }
        OptionalDouble highestPhaseAmps = state == VehicleState.C && reading.ok()
                ? reading.lastGood().orElseThrow().highestPhaseAmps() : OptionalDouble.empty();
        return new VehicleReading(state, power(state, reading, offeredAmps * phases * voltsPerPhase / 1000.0),
                Optional.of(new MeteredSession(sessionEnergyKwh, reading.ok(), highestPhaseAmps)));
    }

    private static double power(VehicleState state, MeterReading reading, double offeredKw) {
        if (state != VehicleState.C) {
            return 0.0;
        }
        if (!reading.ok()) {
            return offeredKw;
        }
        // a few W below zero is the meter's noise at no load; the meter refuses more
        return Math.max(0.0, reading.lastGood().orElseThrow().powerKw());
    }
}
