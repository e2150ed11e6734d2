package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code events} table. */
public final class EventsTable {
    private EventsTable() {
    }

    public static void insert(Connection c, StoreEvent e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events (time, kind, subject, message) VALUES (?, ?, ?, ?)")) {
            p.setLong(1, e.time().getEpochSecond());
            p.setString(2, e.kind());
            p.setString(3, e.subject());
            p.setString(4, e.message());
            p.executeUpdate();
        }
    }

    /** Events in [from, to), oldest first. */
    public static List<StoreEvent> between(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT time, kind, subject, message FROM events WHERE time >= ? AND time < ? ORDER BY time, id")) {
            p.setLong(1, from.getEpochSecond());
            p.setLong(2, to.getEpochSecond());
            List<StoreEvent> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new StoreEvent(Instant.ofEpochSecond(r.getLong(1)), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return out;
        }
    }

    /** The newest event's id, 0 when there is none. */
    static long newestId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM events")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
