package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code readings} table: one row per meter, quantity and minute. */
public final class ReadingsTable {
    private ReadingsTable() {
    }

    /**
     * Writes minutes; a minute already stored (the gateway restarted within it, the clock was stepped back into it) is
     * merged: the lower minimum, the higher maximum, the sample-weighted mean, held within them (its rounding would
     * otherwise put the mean of a constant value outside, and the minute could not be read).
     */
    public static void upsert(Connection c, List<MinuteReading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO readings (meter, quantity, minute, min, mean, max, samples) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (meter, quantity, minute) DO UPDATE SET
                  mean = MAX(MIN(min, excluded.min), MIN(MAX(max, excluded.max),
                    (mean * samples + excluded.mean * excluded.samples) / (samples + excluded.samples))),
                  min = MIN(min, excluded.min), max = MAX(max, excluded.max), samples = samples + excluded.samples""")) {
            for (MinuteReading r : readings) {
                p.setString(1, r.meter());
                p.setString(2, r.quantity());
                p.setLong(3, r.minute().getEpochSecond());
                p.setDouble(4, r.min());
                p.setDouble(5, r.mean());
                p.setDouble(6, r.max());
                p.setInt(7, r.samples());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The minutes of one series that start in [from, to), oldest first. */
    public static List<MinuteReading> range(Connection c, String meter, String quantity, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                SELECT minute, min, mean, max, samples FROM readings
                WHERE meter = ? AND quantity = ? AND minute >= ? AND minute < ? ORDER BY minute""")) {
            p.setString(1, meter);
            p.setString(2, quantity);
            p.setLong(3, secondsUp(from));
            p.setLong(4, secondsUp(to));
            List<MinuteReading> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(MinuteReading.stored(meter, quantity, Instant.ofEpochSecond(r.getLong(1)), r.getDouble(2),
                            r.getDouble(3), r.getDouble(4), r.getInt(5)));
                }
            }
            return out;
        }
    }

    /**
     * {@code at} in whole seconds, rounded up: a minute (whole seconds) is at or after {@code at} exactly when it is at
     * or after this. Rounded down, as until 2026-12-03, a fraction of a second moved the window by a minute at each end.
     */
    private static long secondsUp(Instant at) {
        return at.getNano() == 0 ? at.getEpochSecond() : at.getEpochSecond() + 1;
    }
}
