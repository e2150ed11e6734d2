package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code session_seq} table: one row, the last session number given out. It only grows, so a number is never
 * given out twice, even when the sessions that had the newest numbers are deleted.
 */
final class SessionSeqTable {
    private SessionSeqTable() {
    }

    static long last(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT seq FROM session_seq WHERE id = 1")) {
            if (!r.next()) {
                throw new SQLException("session_seq has no row: the store's schema is damaged");
            }
            return r.getLong(1);
        }
    }

    /** Records that numbers up to {@code n} are given out; a smaller {@code n} (written late) changes nothing. */
    static void advance(Connection c, long n) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE session_seq SET seq = MAX(seq, ?) WHERE id = 1")) {
            p.setLong(1, n);
            p.executeUpdate();
        }
    }
}
