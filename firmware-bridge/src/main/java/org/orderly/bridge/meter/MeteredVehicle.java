package org.orderly.bridge.meter;

import java.time.Instant;
import java.util.function.Supplier;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;

/** A vehicle whose power and session energy are the pile meter's (stub). */
public final class MeteredVehicle implements Vehicle {

    public MeteredVehicle(Vehicle vehicle, Supplier<MeterReading> meter) {
    }

    @Override
    public VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase) {
        throw new UnsupportedOperationException("not yet");
    }
}
