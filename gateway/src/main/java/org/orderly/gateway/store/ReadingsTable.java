package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code readings} table: one row per meter, quantity and minute. */
public final class ReadingsTable {
    private ReadingsTable() {
    }

    /**
     * Writes minutes; a minute already stored is merged: the lower minimum, the higher maximum, and the mean weighted
     * by the time each part covers ({@link MinuteReading#covered}), held within them (its rounding would otherwise put
     * the mean of a constant value outside, and the minute could not be read). A minute is written twice when the
     * gateway stops within it (the part before, written at close) and the next run records in it, when a clock step
     * moves the minutes recorded before it onto those recorded after, and when a sample comes to the writer after its
     * minute was written (a report read just before the minute's end, queued behind the writer's tick): such a part
     * covers nothing and adds to the minimum, maximum and count only. Its weight is not its samples: 50 s of a pile
     * drawing 7 kW reported twice and 10 s of 0 reported five times are 5.8 kW, not 2 kW. A row written before
     * migration 11 does not say what it covers: merged with it, the mean is weighted by samples as it was then, and
     * the merged row says no coverage either; so are two parts that cover nothing. The coverage merged is at most the
     * minute (a clock step may bring two runs' parts of a minute onto one another).
     */
    public static void upsert(Connection c, List<MinuteReading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO readings (meter, quantity, minute, min, mean, max, samples, covered_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (meter, quantity, minute) DO UPDATE SET
                  mean = MAX(MIN(min, excluded.min), MIN(MAX(max, excluded.max),
                    CASE WHEN covered_ms IS NULL OR excluded.covered_ms IS NULL OR covered_ms + excluded.covered_ms = 0
                      THEN (mean * samples + excluded.mean * excluded.samples) / (samples + excluded.samples)
                      ELSE (mean * covered_ms + excluded.mean * excluded.covered_ms) / (covered_ms + excluded.covered_ms)
                    END)),
                  covered_ms = MIN(60000, covered_ms + excluded.covered_ms),
                  min = MIN(min, excluded.min), max = MAX(max, excluded.max), samples = samples + excluded.samples""")) {
            for (MinuteReading r : readings) {
                p.setString(1, r.meter());
                p.setString(2, r.quantity());
                p.setLong(3, r.minute().getEpochSecond());
                p.setDouble(4, r.min());
                p.setDouble(5, r.mean());
                p.setDouble(6, r.max());
                p.setInt(7, r.samples());
                if (r.covered() == null) {
                    p.setNull(8, Types.INTEGER);
                } else {
                    p.setLong(8, r.covered().toMillis());
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The minutes of one series that start in [from, to), oldest first. */
    public static List<MinuteReading> range(Connection c, String meter, String quantity, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                SELECT minute, min, mean, max, samples, covered_ms FROM readings
                WHERE meter = ? AND quantity = ? AND minute >= ? AND minute < ? ORDER BY minute""")) {
            p.setString(1, meter);
            p.setString(2, quantity);
            p.setLong(3, secondsUp(from));
            p.setLong(4, secondsUp(to));
            List<MinuteReading> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(MinuteReading.stored(meter, quantity, Instant.ofEpochSecond(r.getLong(1)), r.getDouble(2),
                            r.getDouble(3), r.getDouble(4), r.getInt(5), coveredOf(r, 6)));
                }
            }
            return out;
        }
    }

    /** The coverage in column {@code column}: null for a row written before migration 11. */
    static Duration coveredOf(ResultSet r, int column) throws SQLException {
        long ms = r.getLong(column);
        return r.wasNull() ? null : Duration.ofMillis(ms);
    }

    /**
     * {@code at} in whole seconds, rounded up: a minute (whole seconds) is at or after {@code at} exactly when it is at
     * or after this. Rounded down, as until 2026-12-03, a fraction of a second moved the window by a minute at each
     * end.
     */
    private static long secondsUp(Instant at) {
        return at.getNano() == 0 ? at.getEpochSecond() : at.getEpochSecond() + 1;
    }
}
