package org.orderly.gateway.web.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.store.SessionRecord;

/**
 * When each pile's cars were there, to split a minute two of them shared: one car left and the next came in on the same
 * pile within a minute. The pile's stored mean over that minute holds both cars' draw, and the minute is in both
 * sessions' minutes (the one's last, the other's first); each counts the part of it it was there for, of the time any
 * of the pile's cars was there in it (evenly over that time: when in the minute each drew is not known), so that today
 * counts the minute once. A minute only one car was in is all its own.
 */
final class PileStays {
    private static final long MINUTE_MS = 60_000;

    private final Map<String, List<SessionRecord>> byPile = new HashMap<>();
    private final Instant now;

    /** @param sessions the rows read, one per session; those still going are there until {@code now} */
    PileStays(Collection<SessionRecord> sessions, Instant now) {
        sessions.forEach(s -> byPile.computeIfAbsent(s.pile(), p -> new ArrayList<>()).add(s));
        this.now = now;
    }

    /** The part of its pile's {@code minute} that is {@code session}'s, from 0 to 1. */
    double share(SessionRecord session, Instant minute) {
        // Only the minute a car came in or left in can hold another car: the next never arrives before it left.
        if (!minute.equals(minuteOf(session.arrival())) && !minute.equals(minuteOf(end(session)))) {
            return 1;
        }
        long all = 0;
        for (SessionRecord s : byPile.getOrDefault(session.pile(), List.of())) {
            all += thereMs(s, minute);
        }
        long own = thereMs(session, minute);
        return all <= 0 || own >= all ? 1 : own / (double) all;
    }

    /** How long in {@code minute} the car of {@code s} was there. */
    private long thereMs(SessionRecord s, Instant minute) {
        long start = Math.max(minute.toEpochMilli(), s.arrival().toEpochMilli());
        long stop = Math.min(minute.toEpochMilli() + MINUTE_MS, end(s).toEpochMilli());
        return Math.max(0, stop - start);
    }

    private Instant end(SessionRecord s) {
        return s.departure() == null ? now : s.departure();
    }

    private static Instant minuteOf(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }
}
