package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A pile's report as a test makes it, through the one constructor the gateway uses. What a test leaves unsaid is a
 * plain report just received: heard, its draw and session energy said and of the report's own moment, no plug-in time,
 * no session begun or ended said, not at the pile's start, no fault.
 */
public final class ObservationBuilder {
    private final int pileIndex;
    private final boolean plugged;
    private final double powerKw;
    private final double sessionEnergyKWh;
    private final Instant readAt;
    private boolean reported = true;
    private Optional<Instant> pluggedAt = Optional.empty();
    private Duration age = Duration.ZERO;
    private boolean drawKnown = true;
    private Optional<Instant> sessionPluggedAt = Optional.empty();
    private boolean energyKnown = true;
    private Optional<LastEndedSession> lastSession = Optional.empty();
    private Instant drawAt;
    private Duration drawAge;
    private boolean pluggedAtStart;
    private boolean faulted;

    private ObservationBuilder(int pileIndex, boolean plugged, double powerKw, double sessionEnergyKWh,
                               Instant readAt) {
        this.pileIndex = pileIndex;
        this.plugged = plugged;
        this.powerKw = powerKw;
        this.sessionEnergyKWh = sessionEnergyKWh;
        this.readAt = readAt;
    }

    /** Pile {@code pileIndex}'s report read at {@code readAt}. */
    public static ObservationBuilder observation(int pileIndex, boolean plugged, double powerKw,
                                                 double sessionEnergyKWh, Instant readAt) {
        return new ObservationBuilder(pileIndex, plugged, powerKw, sessionEnergyKWh, readAt);
    }

    public ObservationBuilder reported(boolean reported) {
        this.reported = reported;
        return this;
    }

    public ObservationBuilder pluggedAt(Optional<Instant> pluggedAt) {
        this.pluggedAt = pluggedAt;
        return this;
    }

    public ObservationBuilder age(Duration age) {
        this.age = age;
        return this;
    }

    public ObservationBuilder drawKnown(boolean drawKnown) {
        this.drawKnown = drawKnown;
        return this;
    }

    public ObservationBuilder sessionPluggedAt(Optional<Instant> sessionPluggedAt) {
        this.sessionPluggedAt = sessionPluggedAt;
        return this;
    }

    public ObservationBuilder energyKnown(boolean energyKnown) {
        this.energyKnown = energyKnown;
        return this;
    }

    public ObservationBuilder lastSession(Optional<LastEndedSession> lastSession) {
        this.lastSession = lastSession;
        return this;
    }

    /** When the draw was so, where not of the report's own moment (a bus meter's reading's). */
    public ObservationBuilder drawAt(Instant drawAt, Duration drawAge) {
        this.drawAt = drawAt;
        this.drawAge = drawAge;
        return this;
    }

    public ObservationBuilder pluggedAtStart(boolean pluggedAtStart) {
        this.pluggedAtStart = pluggedAtStart;
        return this;
    }

    public ObservationBuilder faulted(boolean faulted) {
        this.faulted = faulted;
        return this;
    }

    public PileObservation build() {
        return new PileObservation(pileIndex, plugged, powerKw, sessionEnergyKWh, readAt, reported, pluggedAt, age,
                drawKnown, sessionPluggedAt, energyKnown, lastSession, drawAt == null ? readAt : drawAt,
                drawAge == null ? age : drawAge, pluggedAtStart, faulted);
    }
}
