package org.orderly.gateway.web.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.orderly.gateway.store.SessionRecord;

/**
 * The minutes a session's car was there, as its pile's stored minutes are stamped: from the minute it came in until
 * its departure, or now while it goes on. A wall clock stepped back while the car was plugged in (NTP, a clock set
 * ahead and corrected; docs/operations.md, "A clock set back while the gateway runs") stamps what the car drew since
 * before its arrival, and its last sighting and now with it: the span is then from the earliest of those times to the
 * latest, so that the minutes before the step and those after it are both the session's. A span that runs over minutes
 * another car on the pile had before it also takes that car's, which the pile's session counter bounds
 * ({@link SessionEnergy}).
 *
 * @param from the minute the span begins
 * @param end  the span's end: the session's departure, or now while it goes on, or its arrival or last sighting when
 *             the clock says earlier
 */
record SessionSpan(Instant from, Instant end) {

    static SessionSpan of(SessionRecord s, Instant now) {
        Instant end = s.departure() == null ? now : s.departure();
        Instant earliest = earliest(earliest(s.arrival(), end), s.lastSeen());
        Instant latest = latest(latest(s.arrival(), end), s.lastSeen());
        return new SessionSpan(earliest.truncatedTo(ChronoUnit.MINUTES), latest);
    }

    private static Instant earliest(Instant a, Instant b) {
        return b != null && b.isBefore(a) ? b : a;
    }

    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
