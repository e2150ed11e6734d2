package org.orderly.gateway.app.live;

import java.time.Instant;

/**
 * When a stay seen ending ended: when its pile reported the car gone, not when a cycle read that report (a car plugged
 * in meanwhile may have arrived before), but never before the stay arrived or was last seen plugged in. A wall clock
 * stepped back while the car was plugged in says earlier; the stay then ends at the later of the two. The stored row's
 * departure, the end the policy's habits learn and the bound on the pile's next arrival are all this one.
 */
public final class StayEnd {
    private StayEnd() {
    }

    public static Instant of(Instant arrival, Instant lastSeen, Instant reportedGone) {
        Instant bound = lastSeen != null && lastSeen.isAfter(arrival) ? lastSeen : arrival;
        return reportedGone.isBefore(bound) ? bound : reportedGone;
    }
}
