package org.orderly.bridge.pile;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.orderly.bridge.vehicle.VehicleState;

/**
 * What {@code /status} reports.
 *
 * @param state            IEC 61851 vehicle state (A/B/C/E/F)
 * @param ampsOffered      current the control pilot offers now (0 in standby)
 * @param powerKw          power the vehicle draws now
 * @param sessionEnergyKwh energy since the vehicle was plugged in
 * @param leaseExpiry      expiry of the lease in force, empty when on the safe current
 * @param meterOk          with a pile meter, whether its latest answer was good; empty without one
 * @param pluggedIn        when the present vehicle was plugged in (state B or C); empty in A, E and F
 * @param fault            while a {@link PileFault} holds (state F), its reason; empty otherwise
 * @param sessionPlugIn    when the vehicle whose session {@code sessionEnergyKwh} counts was plugged in: kept after it
 *                         is unplugged, until the next plug-in, so that a gateway that could not hear the pile when the
 *                         car left can tell whose energy the count is; empty before the first plug-in since the start
 * @param lastSession      the last session that ended since the start, kept after the next plug-in; empty before
 */
public record PileStatus(VehicleState state, double ampsOffered, double powerKw,
                         double sessionEnergyKwh, Optional<Instant> leaseExpiry, Optional<Boolean> meterOk,
                         Optional<PlugIn> pluggedIn, Optional<String> fault, Optional<PlugIn> sessionPlugIn,
                         Optional<EndedSession> lastSession) {

    public PileStatus {
        Objects.requireNonNull(lastSession, "lastSession");
        Objects.requireNonNull(sessionPlugIn, "sessionPlugIn");
        Objects.requireNonNull(leaseExpiry, "leaseExpiry");
        Objects.requireNonNull(meterOk, "meterOk");
        Objects.requireNonNull(pluggedIn, "pluggedIn");
        Objects.requireNonNull(fault, "fault");
    }
}
