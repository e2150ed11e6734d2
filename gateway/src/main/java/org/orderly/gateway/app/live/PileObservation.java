package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pile last reported: whether a vehicle is plugged in (IEC 61851 state B or C), the power
 * it draws, the energy its meter has counted for the current session, and when this was read.
 * {@code reported} is false for a pile not heard from since the gateway started: it then counts as unplugged and
 * drawing nothing, but says nothing of a session the gateway had open on it before it stopped. {@code pluggedAt} is
 * when the pile says the vehicle was plugged in (its time of reading less the pile's own count of the time since),
 * empty when it does not say. {@code age} is how long ago the report came, on the gateway's monotonic ticker and in
 * real time (a driver re-reads a silent pile on real time, whatever the world's speed).
 */
public record PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh,
                              Instant readAt, boolean reported, Optional<Instant> pluggedAt, Duration age) {
    /**
     * A pile whose latest report is older than this is offline, for the control cycle and the page alike: its driver
     * re-reads a silent pile's status every 30 s, so two such reads have failed.
     */
    public static final Duration OFFLINE_AFTER = Duration.ofSeconds(70);

    public PileObservation {
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(pluggedAt, "pluggedAt");
        Objects.requireNonNull(age, "age");
    }

    /** A report just received. */
    public PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh,
                           Instant readAt, boolean reported, Optional<Instant> pluggedAt) {
        this(pileIndex, plugged, powerKw, sessionEnergyKWh, readAt, reported, pluggedAt, Duration.ZERO);
    }

    /** What a pile reported, not saying when the vehicle was plugged in. */
    public PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh, Instant readAt) {
        this(pileIndex, plugged, powerKw, sessionEnergyKWh, readAt, true, Optional.empty());
    }

    /** What a pile reported, with when it says the vehicle was plugged in. */
    public PileObservation(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh, Instant readAt,
                           Optional<Instant> pluggedAt) {
        this(pileIndex, plugged, powerKw, sessionEnergyKWh, readAt, true, pluggedAt);
    }

    /** A pile not heard from yet, at {@code now}. */
    public static PileObservation notReported(int pileIndex, Instant now) {
        return new PileObservation(pileIndex, false, 0, 0, now, false, Optional.empty());
    }

    /**
     * Whether its report is older than {@link #OFFLINE_AFTER}. A pile not heard from since the start is offline too once
     * the gateway has run that long: the control cycle, which knows since when, says so ({@code PileReason.PILE_OFFLINE}).
     */
    public boolean offline() {
        return reported && age.compareTo(OFFLINE_AFTER) > 0;
    }
}
