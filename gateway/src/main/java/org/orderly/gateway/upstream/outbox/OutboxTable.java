package org.orderly.gateway.upstream.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code outbox} and {@code upstream_seq} tables (migration 2; its {@code restored}, migration 12) and
 * {@code outbox_set_aside} (migration 3; its {@code refused} and {@code taken_by}, migration 10).
 */
final class OutboxTable {
    /** {@code held}: a row the link publishes. */
    static final int PUBLISHABLE = 0;
    /** {@code held}: the last will of the connection being made, published by the broker or after a release. */
    static final int WILL = 1;
    /**
     * {@code held}: stamped while the clock was not set; published once corrected by the step that set it, and holding
     * back every later message but {@code state}, so that each topic stays in order.
     */
    static final int CLOCK_NOT_SET = 2;
    /**
     * {@code held}: the {@code online} and will of a connection no broker accepted, kept so by a clean stop for the
     * next start to connect with (docs/upstream.md, "state"); that start holds them again ({@link #WILL}).
     */
    static final int KEPT = 3;
    /** The columns {@link #row} reads, in its order. */
    private static final String ROW_COLUMNS = "seq, topic, payload, retained, created_at";

    private OutboxTable() {
    }

    private static OutboxRow row(ResultSet r) throws SQLException {
        return new OutboxRow(r.getLong(1), r.getString(2), r.getBytes(3), r.getInt(4) != 0,
                Instant.ofEpochMilli(r.getLong(5)));
    }

    /** The last message number given out, inside the caller's transaction. */
    static long lastSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq FROM upstream_seq WHERE id = 1")) {
            if (!r.next()) {
                throw new SQLException("upstream_seq has no row; was migration 2 applied?");
            }
            return r.getLong(1);
        }
    }

    /**
     * Whether the store was put back from a backup ({@code orderly restore}) and has numbered no message since
     * ({@code restored}, migration 12), inside the caller's transaction.
     */
    static boolean restored(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT restored FROM upstream_seq WHERE id = 1")) {
            return r.next() && r.getInt(1) != 0;
        }
    }

    /**
     * Sets the last message number given out to {@code last}, inside the caller's transaction; numbers so begun are
     * no longer a restore's to begin.
     */
    static void numberedUpTo(Connection c, long last) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE upstream_seq SET seq = ?, restored = 0 WHERE id = 1")) {
            p.setLong(1, last);
            p.executeUpdate();
        }
    }

    /** Gives out the next message number; inside the caller's transaction, so a rolled-back insert leaves no gap. */
    static long nextSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE upstream_seq SET seq = seq + 1 WHERE id = 1");
            try (ResultSet r = s.executeQuery("SELECT seq FROM upstream_seq WHERE id = 1")) {
                if (!r.next()) {
                    throw new SQLException("upstream_seq has no row; was migration 2 applied?");
                }
                return r.getLong(1);
            }
        }
    }

    static void insert(Connection c, OutboxRow row, int held) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO outbox (seq, topic, payload, retained, held, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, row.seq());
            p.setString(2, row.topic());
            p.setBytes(3, row.payload());
            p.setInt(4, row.retained() ? 1 : 0);
            p.setInt(5, held);
            p.setLong(6, row.createdAt().toEpochMilli());
            p.executeUpdate();
        }
    }

    static void delete(Connection c, long seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            p.setLong(1, seq);
            p.executeUpdate();
        }
    }

    /**
     * Moves message {@code seq} from the outbox to {@code outbox_set_aside}; returns it, or null when it was no longer
     * in the outbox (acknowledged, trimmed, or set aside before).
     */
    static OutboxRow setAside(Connection c, long seq, Instant at, String reason, boolean refused) throws SQLException {
        OutboxRow row;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + ROW_COLUMNS + " FROM outbox WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                row = row(r);
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO outbox_set_aside "
                + "(seq, topic, payload, retained, created_at, set_aside_at, reason, refused)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, row.seq());
            p.setString(2, row.topic());
            p.setBytes(3, row.payload());
            p.setInt(4, row.retained() ? 1 : 0);
            p.setLong(5, row.createdAt().toEpochMilli());
            p.setLong(6, at.toEpochMilli());
            p.setString(7, reason);
            p.setInt(8, refused ? 1 : 0);
            p.executeUpdate();
        }
        delete(c, seq);
        return row;
    }

    /**
     * Moves every row held for the clock to {@code outbox_set_aside}: rows a run that stopped before its clock was set
     * left behind, whose real time nobody can know. Returns what went, by topic.
     */
    static Unknown setAsideHeldForClock(Connection c, Instant at, String reason) throws SQLException {
        Map<String, Long> byTopic = new TreeMap<>();
        long first = 0;
        long last = 0;
        Instant earliest = null;
        Instant latest = null;
        for (OutboxRow row : heldForClock(c)) {
            if (first == 0) {
                first = row.seq();
                earliest = row.createdAt();
                latest = row.createdAt();
            }
            last = row.seq();
            earliest = row.createdAt().isBefore(earliest) ? row.createdAt() : earliest;
            latest = row.createdAt().isAfter(latest) ? row.createdAt() : latest;
            byTopic.merge(row.topic().substring(row.topic().lastIndexOf('/') + 1), 1L, Long::sum);
            setAside(c, row.seq(), at, reason, false);
        }
        return new Unknown(byTopic, first, last, earliest, latest);
    }

    /** Rows held for the clock and set aside: how many by topic, their numbers and when the unset clock stored them. */
    record Unknown(Map<String, Long> byTopic, long firstSeq, long lastSeq, Instant earliest, Instant latest) {
        long count() {
            return byTopic.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Per topic under {@code root}, the newest message set aside because the broker refused it ({@code refused},
     * migration 10) with no later message on that topic taken since ({@code taken_by} null): what the link's refused
     * kinds were when the run that set them aside stopped.
     */
    static Map<String, Long> refusedNotTaken(Connection c, String root) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT topic, MAX(seq) FROM outbox_set_aside WHERE"
                + " substr(topic, 1, length(?)) = ? AND refused = 1 AND taken_by IS NULL GROUP BY topic")) {
            p.setString(1, root);
            p.setString(2, root);
            Map<String, Long> out = new TreeMap<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return out;
        }
    }

    /**
     * The broker took message {@code seq} on {@code topic}: the refusals set aside before it on that topic and not
     * taken by an earlier one get it as their {@code taken_by}, so that a later start does not raise them again; so
     * does {@code seq} itself if it was set aside (as dropped on alone, its PUBACK coming after: the link's
     * {@code BrokerVerdicts}).
     */
    static void refusalsTaken(Connection c, String topic, long seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE outbox_set_aside SET taken_by = ?"
                + " WHERE topic = ? AND seq <= ? AND refused = 1 AND taken_by IS NULL")) {
            p.setLong(1, seq);
            p.setString(2, topic);
            p.setLong(3, seq);
            p.executeUpdate();
        }
    }

    static long countSetAside(Connection c) throws SQLException {
        return rows(c, "outbox_set_aside");
    }

    /** Forgets messages set aside before {@code before}: each was reported when it was set aside. */
    static int trimSetAside(Connection c, Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox_set_aside WHERE set_aside_at < ?")) {
            p.setLong(1, before.toEpochMilli());
            return p.executeUpdate();
        }
    }

    /** The drainer's query ({@link #after}); its parameters are the sequence after, the topic and the limit. */
    static String afterSql(boolean sameTopic) {
        return "SELECT " + ROW_COLUMNS + " FROM outbox WHERE held = 0 AND seq > ? AND topic "
                + (sameTopic ? "=" : "<>") + " ?"
                + (sameTopic ? "" : " AND seq < (SELECT COALESCE(MIN(seq), " + Long.MAX_VALUE
                        + ") FROM outbox WHERE held = " + CLOCK_NOT_SET + ")")
                + " ORDER BY seq LIMIT ?";
    }

    /**
     * Up to {@code limit} messages after {@code afterSeq}, oldest first, on {@code topic} ({@code sameTopic}) or on
     * every other topic.
     */
    static List<OutboxRow> after(Connection c, long afterSeq, String topic, boolean sameTopic, int limit)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(afterSql(sameTopic))) {
            p.setLong(1, afterSeq);
            p.setString(2, topic);
            p.setInt(3, limit);
            List<OutboxRow> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        }
    }

    /** The wills held back from publishing, oldest first. */
    static List<OutboxRow> held(Connection c) throws SQLException {
        return withHeld(c, WILL);
    }

    /** The rows a clean stop kept for the next start ({@link #KEPT}), oldest first. */
    static List<OutboxRow> kept(Connection c) throws SQLException {
        return withHeld(c, KEPT);
    }

    /**
     * Whether every message numbered after {@code seq} is still in the outbox or set aside, none of them on
     * {@code topic}: then no run since the one that numbered {@code seq} published on {@code topic} after it.
     */
    static boolean onlyWaitingAfter(Connection c, long seq, String topic) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(topic = ?), 0) FROM (SELECT"
                + " topic FROM outbox WHERE seq > ? UNION ALL SELECT topic FROM outbox_set_aside WHERE seq > ?)")) {
            p.setString(1, topic);
            p.setLong(2, seq);
            p.setLong(3, seq);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) == lastSeq(c) - seq && r.getLong(2) == 0;
            }
        }
    }

    /** Marks the held rows {@code seqs} ({@link #WILL}) as kept for the next start ({@link #KEPT}). */
    static void keep(Connection c, long... seqs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET held = " + KEPT + " WHERE held = " + WILL
                + " AND seq = ?")) {
            for (long seq : seqs) {
                p.setLong(1, seq);
                p.executeUpdate();
            }
        }
    }

    /** Holds again every row kept for this start ({@link #KEPT} to {@link #WILL}). */
    static void holdKept(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox SET held = " + WILL + " WHERE held = " + KEPT);
        }
    }

    /** Rows held because the clock was not set when they were stamped, oldest first. */
    static List<OutboxRow> heldForClock(Connection c) throws SQLException {
        return withHeld(c, CLOCK_NOT_SET);
    }

    /** The rows whose {@code held} is {@code held}, oldest first. */
    private static List<OutboxRow> withHeld(Connection c, int held) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM outbox WHERE held = ?"
                + " ORDER BY seq")) {
            p.setInt(1, held);
            List<OutboxRow> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        }
    }

    /** Row {@code seq}, held for the clock, now with the right time in {@code payload}: publishable. */
    static void restamped(Connection c, long seq, byte[] payload) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET payload = ?, held = " + PUBLISHABLE
                + " WHERE seq = ?")) {
            p.setBytes(1, payload);
            p.setLong(2, seq);
            p.executeUpdate();
        }
    }

    /** Moves the storing times the clock gave while it was not set by its step, so rows are trimmed by their real age. */
    static void shiftCreated(Connection c, Instant from, Instant to, Duration by) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE outbox SET created_at = created_at + ? WHERE created_at >= ? AND created_at <= ?")) {
            p.setLong(1, by.toMillis());
            p.setLong(2, from.toEpochMilli());
            p.setLong(3, to.toEpochMilli());
            p.executeUpdate();
        }
    }

    /** Releases held wills ({@code seq} or, with -1, all): the drainer will publish them. */
    static void release(Connection c, long seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE outbox SET held = 0 WHERE held = " + WILL
                + " AND (? < 0 OR seq = ?)")) {
            p.setLong(1, seq);
            p.setLong(2, seq);
            p.executeUpdate();
        }
    }

    /**
     * The next message in line to be published ({@link #PUBLISHABLE}, lowest number: not a will, nor one held for the
     * clock, whose time is not yet known): its {@code created_at}. An index search ({@code outbox_held}), whatever the
     * backlog.
     */
    static final String OLDEST_WAITING_SQL = "SELECT created_at FROM outbox WHERE held = ? ORDER BY seq LIMIT 1";

    /** When the next message in line to be published was stored; empty when none waits. */
    static Optional<Instant> oldestWaiting(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(OLDEST_WAITING_SQL)) {
            p.setInt(1, PUBLISHABLE);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(Instant.ofEpochMilli(r.getLong(1))) : Optional.empty();
            }
        }
    }

    static long count(Connection c) throws SQLException {
        return rows(c, "outbox");
    }

    private static long rows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /**
     * Deletes messages stored before {@code before} and the oldest beyond {@code keep}, but not the will of the
     * connection that lasts ({@link #WILL}): it is not waiting to be sent but held for when that connection ends, which
     * may be weeks after it was stored; returns what went.
     */
    static Trim trim(Connection c, Instant before, int keep) throws SQLException {
        long first;
        long last;
        long n;
        // Two IN clauses, not a UNION: in SQLite a compound select's ORDER BY and LIMIT apply to the whole union.
        String doomed = "held <> " + WILL + " AND (seq IN (SELECT seq FROM outbox WHERE created_at < ?) "
                + "OR seq IN (SELECT seq FROM outbox WHERE held <> " + WILL + " ORDER BY seq DESC LIMIT -1 OFFSET ?))";
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), MIN(seq), MAX(seq) FROM outbox WHERE " + doomed)) {
            p.setLong(1, before.toEpochMilli());
            p.setInt(2, keep);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                n = r.getLong(1);
                first = r.getLong(2);
                last = r.getLong(3);
            }
        }
        if (n == 0) {
            return Trim.NONE;
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE " + doomed)) {
            p.setLong(1, before.toEpochMilli());
            p.setInt(2, keep);
            p.executeUpdate();
        }
        return new Trim(n, first, last);
    }

    /** What a trim deleted: {@code count} messages numbered {@code firstSeq}..{@code lastSeq}. */
    record Trim(long count, long firstSeq, long lastSeq) {
        static final Trim NONE = new Trim(0, 0, 0);
    }
}
