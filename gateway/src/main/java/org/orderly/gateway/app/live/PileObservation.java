package org.orderly.gateway.app.live;

import java.time.Instant;

/**
 * What a pile last reported: whether a vehicle is plugged in (IEC 61851 state B or C), the power
 * it draws, the energy its meter has counted for the current session, and when this was read.
 */
public record PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh,
                              Instant readAt) {
}
