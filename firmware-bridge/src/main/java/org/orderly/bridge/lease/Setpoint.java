package org.orderly.bridge.lease;

import java.time.Instant;
import java.util.Optional;

/** The current the pile applies now, and why: a live lease, or the safe fallback. */
public sealed interface Setpoint {

    double amps();

    /** The lease's expiry, if a lease is in force. */
    Optional<Instant> leaseExpiry();

    /** A lease granted by the gateway is in force. */
    record Leased(Lease lease) implements Setpoint {
        @Override public double amps() { return lease.amps(); }
        @Override public Optional<Instant> leaseExpiry() { return Optional.of(lease.expiry()); }
    }

    /** No lease is in force (none yet, or it lapsed): the configured safe current applies. */
    record Safe(double amps, String reason) implements Setpoint {
        @Override public Optional<Instant> leaseExpiry() { return Optional.empty(); }
    }
}
