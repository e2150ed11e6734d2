package org.orderly.gateway.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.orderly.bridge.vehicle.MeteredSession;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;

/**
 * A car whose pile meter counts its session as it draws, until {@link #sayAbsurdly} makes it say {@code kwh} while the
 * car stays plugged in (a meter gone wrong): the firmware-bridge wrapping it says that count in its {@code /status}.
 * Unplugged, it says again what the car took.
 */
final class AbsurdCountingCar implements Vehicle {
    private final Vehicle car;
    private double countedKwh;
    private Instant lastStep;
    private volatile double absurdKwh = Double.NaN;

    AbsurdCountingCar(Vehicle car) {
        this.car = car;
    }

    /** From the next step on, while plugged in, the meter says {@code kwh}. */
    void sayAbsurdly(double kwh) {
        absurdKwh = kwh;
    }

    @Override
    public synchronized VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase) {
        VehicleReading r = car.step(now, offeredAmps, phases, voltsPerPhase);
        if (lastStep != null && now.isAfter(lastStep)) {
            countedKwh += r.powerKw() * Duration.between(lastStep, now).toNanos() / 3.6e12;
        }
        lastStep = now;
        double says = r.state().plugged() && !Double.isNaN(absurdKwh) ? absurdKwh : countedKwh;
        return new VehicleReading(r.state(), r.powerKw(), Optional.of(new MeteredSession(says, true, OptionalDouble.empty())));
    }
}
