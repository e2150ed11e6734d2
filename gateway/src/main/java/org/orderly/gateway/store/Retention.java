package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes rows older than the retention: readings by minute, events by time, plans by creation (their slots
 * go with them), sessions by departure (a session still plugged in is never deleted).
 */
public record Retention(Duration readings, Duration events, Duration plans, Duration sessions) {

    /** Readings, events and plans kept {@code days}; sessions, which the estimators learn habits from, a year at least. */
    public static Retention days(int days) {
        Duration d = Duration.ofDays(days);
        return new Retention(d, d, d, Duration.ofDays(Math.max(days, 365)));
    }

    /** Deletes what is past retention at {@code clock}'s now; returns the number of rows deleted. */
    public int run(Connection c, Clock clock) throws SQLException {
        Instant now = clock.instant();
        return delete(c, "DELETE FROM readings WHERE minute < ?", now.minus(readings))
                + delete(c, "DELETE FROM events WHERE time < ?", now.minus(events))
                + delete(c, "DELETE FROM plans WHERE created_at < ?", now.minus(plans))
                + delete(c, "DELETE FROM sessions WHERE departure IS NOT NULL AND departure < ?", now.minus(sessions));
    }

    private static int delete(Connection c, String sql, Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, before.getEpochSecond());
            return p.executeUpdate();
        }
    }
}
