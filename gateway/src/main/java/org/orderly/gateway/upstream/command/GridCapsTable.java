package org.orderly.gateway.upstream.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code grid_caps} table (migration 2): every cap accepted, kept a while after it ends so a repeat is recognised. */
final class GridCapsTable {
    private GridCapsTable() {
    }

    static void insert(Connection c, CapCommand cap, Instant receivedAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO grid_caps (id, valid_from, valid_to, limit_kw, received_at) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, cap.id());
            p.setLong(2, cap.from().toEpochMilli());
            p.setLong(3, cap.to().toEpochMilli());
            p.setDouble(4, cap.limitKw());
            p.setLong(5, receivedAt.toEpochMilli());
            p.executeUpdate();
        }
    }

    static List<CapCommand> all(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, valid_from, valid_to, limit_kw FROM grid_caps ORDER BY valid_from, id");
             ResultSet r = p.executeQuery()) {
            List<CapCommand> out = new ArrayList<>();
            while (r.next()) {
                out.add(new CapCommand(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(3)),
                        r.getDouble(4)));
            }
            return out;
        }
    }

    static int deleteEndedBefore(Connection c, Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM grid_caps WHERE valid_to < ?")) {
            p.setLong(1, before.toEpochMilli());
            return p.executeUpdate();
        }
    }
}
