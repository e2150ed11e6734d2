package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sessions} table: one row per session, rewritten as the session progresses and when it ends. Once
 * ended, a row is final: a write under the id of an ended session fails and leaves the row as it was, so that a
 * session given the same id as another (which session ids are made never to be) cannot erase the other's record.
 */
public final class SessionsTable {
    private SessionsTable() {
    }

    /** Inserts the session, or rewrites its row while it has not ended; throws when its row has ended. */
    public static void upsert(Connection c, SessionRecord s) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO sessions (id, pile, arrival, departure, declared_departure, declared_kwh, delivered_kwh, full)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET pile = excluded.pile, arrival = excluded.arrival,
                  departure = excluded.departure, declared_departure = excluded.declared_departure,
                  declared_kwh = excluded.declared_kwh, delivered_kwh = excluded.delivered_kwh, full = excluded.full
                WHERE sessions.departure IS NULL""")) {
            p.setString(1, s.id());
            p.setString(2, s.pile());
            p.setLong(3, s.arrival().getEpochSecond());
            setInstant(p, 4, s.departure());
            setInstant(p, 5, s.declaredDeparture());
            if (Double.isNaN(s.declaredKWh())) {
                p.setNull(6, Types.REAL);
            } else {
                p.setDouble(6, s.declaredKWh());
            }
            p.setDouble(7, s.deliveredKWh());
            p.setInt(8, s.full() ? 1 : 0);
            if (p.executeUpdate() == 0) {
                throw new SQLException("session " + s.id() + " (pile " + s.pile() + ", arrival " + s.arrival()
                        + ") not written: a session with that id has already ended and its record is kept as it is");
            }
        }
    }

    /** Sessions that arrived in [from, to), oldest first. */
    public static List<SessionRecord> arrivedBetween(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("""
                SELECT id, pile, arrival, departure, declared_departure, declared_kwh, delivered_kwh, full
                FROM sessions WHERE arrival >= ? AND arrival < ? ORDER BY arrival, id""")) {
            p.setLong(1, from.getEpochSecond());
            p.setLong(2, to.getEpochSecond());
            List<SessionRecord> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double declared = r.getDouble(6);
                    if (r.wasNull()) {
                        declared = Double.NaN;
                    }
                    out.add(new SessionRecord(r.getString(1), r.getString(2), Instant.ofEpochSecond(r.getLong(3)),
                            instant(r, 4), instant(r, 5), declared, r.getDouble(7), r.getInt(8) != 0));
                }
            }
            return out;
        }
    }

    private static void setInstant(PreparedStatement p, int i, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, t.getEpochSecond());
        }
    }

    private static Instant instant(ResultSet r, int i) throws SQLException {
        long v = r.getLong(i);
        return r.wasNull() ? null : Instant.ofEpochSecond(v);
    }
}
