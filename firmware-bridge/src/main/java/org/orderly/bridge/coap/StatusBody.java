package org.orderly.bridge.coap;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Optional;
import org.orderly.bridge.pile.EndedSession;
import org.orderly.bridge.pile.PileStatus;
import org.orderly.bridge.pile.PlugIn;

/**
 * The wire form of {@code /status}; leaseExpiry is ISO-8601 UTC or null on the safe current. {@code meterOk} is there
 * only for a pile with a meter (absent, not null, without one: the status of an unmetered pile is as it was).
 * {@code fault} is there only while a fault holds (state F), saying why, e.g. {@code "residual current"}.
 * {@code pluggedAtStart} is there, {@code true}, only while the car plugged in is the one the bridge found plugged in at
 * its start: {@code pluggedSeconds} then counts from that start, and the car may have been plugged in before it.
 */
public record StatusBody(String state, double ampsOffered, double powerKw, double sessionEnergyKwh,
                         String leaseExpiry, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean meterOk,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long pluggedSeconds,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String fault,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long sessionPluggedSeconds,
                         @JsonInclude(JsonInclude.Include.NON_NULL) LastSession lastSession,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean pluggedAtStart) {

    /**
     * The last session that ended since the bridge started: the whole seconds (rounded down) since its plug-in and its
     * unplug as of the response, and the energy it took in all (docs/firmware-bridge.md); {@code pluggedAtStart}, there
     * ({@code true}) only when its car was the one the bridge found plugged in at its start: its plug-in is then that
     * start, and its energy what the car took since.
     */
    public record LastSession(long pluggedSeconds, long endedSeconds, double energyKwh,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Boolean pluggedAtStart) {
        static LastSession of(EndedSession.Ago s) {
            return new LastSession(s.pluggedFor().toSeconds(), s.endedFor().toSeconds(), s.energyKwh(),
                    s.pluggedAtStart() ? Boolean.TRUE : null);
        }
    }

    /**
     * The status with {@code pluggedSeconds}, the whole seconds (rounded down) for which the present vehicle has been
     * plugged in as the response is made, absent when {@code pluggedFor} is empty (no vehicle plugged in); with
     * {@code sessionPluggedSeconds}, the whole seconds (rounded down) since the plug-in of the session
     * {@code sessionEnergyKwh} counts, there after its vehicle is unplugged too, absent when {@code sessionPluggedFor}
     * is empty (no plug-in since the bridge started); and with {@code lastSession}, absent when {@code lastSession} is
     * empty (no unplug since the start).
     */
    public static StatusBody of(PileStatus status, Optional<Duration> pluggedFor, Optional<Duration> sessionPluggedFor,
                                Optional<EndedSession.Ago> lastSession) {
        return new StatusBody(status.state().name(), status.ampsOffered(), status.powerKw(),
                status.sessionEnergyKwh(), status.leaseExpiry().map(Object::toString).orElse(null),
                status.meterOk().orElse(null), pluggedFor.map(Duration::toSeconds).orElse(null),
                status.fault().orElse(null), sessionPluggedFor.map(Duration::toSeconds).orElse(null),
                lastSession.map(LastSession::of).orElse(null),
                status.pluggedIn().filter(PlugIn::atStart).map(p -> Boolean.TRUE).orElse(null));
    }
}
