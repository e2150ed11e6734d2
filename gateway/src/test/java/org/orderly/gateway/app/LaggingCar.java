package org.orderly.gateway.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.orderly.bridge.vehicle.Vehicle;
import org.orderly.bridge.vehicle.VehicleReading;

/**
 * A car that follows a lower offer only {@code lag} after it (IEC 61851-1 gives a car up to 5 s) and a higher one at
 * once: it draws as the simulated car it wraps would under the highest offer of the last {@code lag}. The simulated
 * car alone follows within the pile's next step (0.1 s), which would measure the gateway and not the cars.
 */
final class LaggingCar implements Vehicle {
    private record Offer(Instant at, double amps) {
    }

    private final Vehicle car;
    private final Duration lag;
    /** The offers of the last {@code lag}, oldest first, and the one in force when that window began. */
    private final Deque<Offer> offers = new ArrayDeque<>();

    LaggingCar(Vehicle car, Duration lag) {
        this.car = car;
        this.lag = lag;
    }

    @Override
    public synchronized VehicleReading step(Instant now, double offeredAmps, int phases, double voltsPerPhase) {
        if (offers.isEmpty() || offers.peekLast().amps() != offeredAmps) {
            offers.addLast(new Offer(now, offeredAmps));
        }
        Instant windowStart = now.minus(lag);
        // The oldest offer stays while the next one is still within the window: it was in force when it began.
        while (offers.size() > 1 && !offers.stream().skip(1).findFirst().orElseThrow().at().isAfter(windowStart)) {
            offers.removeFirst();
        }
        double followed = offers.stream().mapToDouble(Offer::amps).max().orElse(offeredAmps);
        return car.step(now, followed, phases, voltsPerPhase);
    }
}
