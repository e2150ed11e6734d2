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
 * An open row is rewritten while the session lasts, so that a gateway that stopped can tell, when it comes back,
 * whether the car is the one it last saw ({@code last_seen}, {@code pile_energy_kwh}).
 */
public final class SessionsTable {
    private SessionsTable() {
    }

    private static final String COLUMNS = "id, pile, arrival, departure, declared_departure, declared_kwh, delivered_kwh, "
            + "full, departure_seen, last_seen, pile_energy_kwh";

    /** Inserts the session, or rewrites its row while it has not ended; throws when its row has ended. */
    public static void upsert(Connection c, SessionRecord s) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sessions (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET pile = excluded.pile, arrival = excluded.arrival,
                  departure = excluded.departure, declared_departure = excluded.declared_departure,
                  declared_kwh = excluded.declared_kwh, delivered_kwh = excluded.delivered_kwh, full = excluded.full,
                  departure_seen = excluded.departure_seen, last_seen = excluded.last_seen,
                  pile_energy_kwh = excluded.pile_energy_kwh
                WHERE sessions.departure IS NULL""")) {
            p.setString(1, s.id());
            p.setString(2, s.pile());
            p.setLong(3, s.arrival().getEpochSecond());
            setInstant(p, 4, s.departure());
            setInstant(p, 5, s.declaredDeparture());
            setDouble(p, 6, s.declaredKWh());
            setDouble(p, 7, s.deliveredKWh());
            p.setInt(8, s.full() ? 1 : 0);
            p.setInt(9, s.departureSeen() ? 1 : 0);
            setInstant(p, 10, s.lastSeen());
            setDouble(p, 11, s.pileEnergyKWh());
            if (p.executeUpdate() == 0) {
                throw new SQLException("session " + s.id() + " (pile " + s.pile() + ", arrival " + s.arrival()
                        + ") not written: a session with that id has already ended and its record is kept as it is");
            }
        }
    }

    /** Sessions that arrived in [from, to), oldest first. */
    public static List<SessionRecord> arrivedBetween(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                + " FROM sessions WHERE arrival >= ? AND arrival < ? ORDER BY arrival, id")) {
            p.setLong(1, from.getEpochSecond());
            p.setLong(2, to.getEpochSecond());
            return read(p);
        }
    }

    /** Sessions not ended, whenever they arrived, oldest first: when the gateway starts, those open when it stopped. */
    public static List<SessionRecord> open(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                + " FROM sessions WHERE departure IS NULL ORDER BY arrival, id")) {
            return read(p);
        }
    }

    /**
     * Ended sessions whose upstream message is not stored yet ({@code upstream_stored = 0}), oldest departure first:
     * those that ended from {@code endedSince} on, and those closed as departed unseen whenever (their departure is a
     * lower bound, from before the downtime that closed them, not when the gateway recorded their end).
     */
    public static List<SessionRecord> upstreamDue(Connection c, Instant endedSince) throws SQLException {
        return upstreamDue(c, endedSince, Instant.EPOCH, Instant.EPOCH.minusSeconds(1));
    }

    /**
     * As above, and those that ended from {@code unsetFrom} to {@code unsetTo}: the times a clock that was not set gave
     * in this run, which are corrected when the message is made (docs/operations.md, "The clock").
     */
    public static List<SessionRecord> upstreamDue(Connection c, Instant endedSince, Instant unsetFrom,
                                                  Instant unsetTo) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE upstream_stored = 0"
                + " AND departure IS NOT NULL AND (departure >= ? OR departure_seen = 0"
                + " OR (departure >= ? AND departure <= ?)) ORDER BY departure, id")) {
            p.setLong(1, endedSince.getEpochSecond());
            p.setLong(2, unsetFrom.getEpochSecond());
            p.setLong(3, unsetTo.getEpochSecond());
            return read(p);
        }
    }

    /** Session {@code id}'s upstream message is stored (in the caller's transaction, with the message). */
    public static void upstreamStored(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE sessions SET upstream_stored = 1 WHERE id = ?")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }

    private static List<SessionRecord> read(PreparedStatement p) throws SQLException {
        List<SessionRecord> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new SessionRecord(r.getString(1), r.getString(2), Instant.ofEpochSecond(r.getLong(3)),
                        instant(r, 4), instant(r, 5), number(r, 6), number(r, 7), r.getInt(8) != 0, r.getInt(9) != 0,
                        instant(r, 10), number(r, 11)));
            }
        }
        return out;
    }

    private static void setDouble(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }

    private static double number(ResultSet r, int i) throws SQLException {
        double v = r.getDouble(i);
        return r.wasNull() ? Double.NaN : v;
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
