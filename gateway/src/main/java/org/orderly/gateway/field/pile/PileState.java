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
 * @param readAt           when the gateway received it, on the clock it stamps with (the world's: the wall clock, a
 *                         sped-up demo's own), for display and records
 * @param tick             the same on the gateway's ticker, by which the status is aged (NTP may step the wall clock)
 * @param pluggedFor       how long the vehicle had been plugged in when the pile answered, by the pile's own monotonic
 *                         clock (the bridge's {@code pluggedSeconds}); empty when the pile does not say (no vehicle, a
 *                         bridge before it said so, any Modbus pile)
 * @param fault            why the pile holds itself in fault (the bridge's {@code fault}, e.g. {@code contactor
 *                         welded};
 *                         several joined by {@code "; "}); empty when it does not say
 * @param meterOk          whether the pile's own meter answers (the bridge's {@code meterOk}): false means the power
 *                         is an estimate; empty for a pile without a meter
 * @param sessionPluggedFor how long before the pile answered the session {@code sessionEnergyKwh} counts began (the
 *                         bridge's {@code sessionPluggedSeconds}): there after its car has gone too, until the next
 *                         plug-in, so that the count can be told for that session's; empty when the pile does not say
 * @param lastSession      the last session that ended on the pile (the bridge's {@code lastSession}), kept after the
 *                         next plug-in; empty when the pile does not say (none since the bridge started, an older
 *                         bridge, any Modbus pile)
 * @param pluggedAtStart   whether the pile says the car plugged in is the one it found plugged in at its start (the
 *                         bridge's {@code pluggedAtStart}): {@code pluggedFor} then counts from that start, and the car
 *                         may have been plugged in earlier; false when it does not say (a car plugged in since, an
 *                         older bridge, any Modbus pile)
 */
public record PileState(String pileId, ChargeState state, double ampsOffered, double powerKw,
                        double sessionEnergyKwh, Optional<Instant> leaseExpiry, Instant readAt, Tick tick,
                        Optional<Duration> pluggedFor, Optional<String> fault, Optional<Boolean> meterOk,
                        Optional<Duration> sessionPluggedFor, Optional<LastSessionReport> lastSession,
                        boolean pluggedAtStart) {

    public PileState {
        Objects.requireNonNull(lastSession, "lastSession");
        Objects.requireNonNull(sessionPluggedFor, "sessionPluggedFor");
        Objects.requireNonNull(pluggedFor, "pluggedFor");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(meterOk, "meterOk");
        Objects.requireNonNull(pileId, "pileId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(leaseExpiry, "leaseExpiry");
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(tick, "tick");
    }

    /**
     * A status that says no more than a Modbus pile can: not how long the vehicle has been plugged in, no fault reason,
     * no pile meter, no session begun or ended, not at the pile's start.
     */
    public PileState(String pileId, ChargeState state, double ampsOffered, double powerKw, double sessionEnergyKwh,
                     Optional<Instant> leaseExpiry, Instant readAt, Tick tick) {
        this(pileId, state, ampsOffered, powerKw, sessionEnergyKwh, leaseExpiry, readAt, tick, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
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

    /**
     * Whether the pile measured what its car draws: not when it does not say ({@code powerKw} NaN: a Modbus map
     * without a power register, or one reading more than the pile can draw, {@link OwnDrawBound}), nor while its own
     * meter is silent (a bridge then reports the most its offer allows, docs/firmware-bridge.md {@code meterOk}: an
     * estimate that follows a cut at once, whatever the car does).
     */
    public boolean drawMeasured() {
        return Double.isFinite(powerKw) && !meterOk.equals(Optional.of(false));
    }
}
