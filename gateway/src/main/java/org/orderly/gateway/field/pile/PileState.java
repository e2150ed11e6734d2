package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.core.time.Tick;

/**
 * A pile's status as last read.
 *
 * @param pileId           which pile
 * @param state            IEC 61851 state
 * @param ampsOffered      the current the pile signals now (0 in standby); NaN if the pile does not report it
 * @param powerKw          what the vehicle draws now; NaN if not reported
 * @param sessionEnergyKwh energy since plug-in; NaN if not reported
 * @param leaseExpiry      when the limit in force lapses (the pile's word over CoAP; the gateway's own
 *                         reckoning over Modbus); empty when the pile is on its safe current
 * @param readAt           when the gateway received it, on its wall clock (for display and records)
 * @param tick             the same on the gateway's ticker, by which the status is aged (NTP may step the wall clock)
 */
public record PileState(String pileId, ChargeState state, double ampsOffered, double powerKw,
                        double sessionEnergyKwh, Optional<Instant> leaseExpiry, Instant readAt, Tick tick) {

    public PileState {
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(leaseExpiry, "leaseExpiry");
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(tick, "tick");
    }

    /** How old this reading is at {@code now}. */
    public Duration age(Tick now) {
        Duration d = now.since(tick);
        // Negative when the driver's thread stamped it after the caller took now.
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** True when older than {@code maxAge} at {@code now}: the control loop must not trust it. */
    public boolean isStale(Tick now, Duration maxAge) {
        return age(now).compareTo(maxAge) > 0;
    }
}
