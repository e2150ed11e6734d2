package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered schema migrations and their runner. A migration is never edited once released: a change
 * to the schema is a new entry at the end. {@link #apply} runs the ones the file has not seen yet, each in
 * its own transaction together with its row in {@code schema_version}, so running it again is a no-op.
 * Times are stored as epoch seconds (UTC).
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    public static final List<Migration> ALL = List.of(
            new Migration(1, "readings, sessions, plans, events", List.of(
                    """
                    CREATE TABLE readings (
                      meter TEXT NOT NULL, quantity TEXT NOT NULL, minute INTEGER NOT NULL,
                      min REAL NOT NULL, mean REAL NOT NULL, max REAL NOT NULL, samples INTEGER NOT NULL,
                      PRIMARY KEY (meter, quantity, minute)) WITHOUT ROWID""",
                    "CREATE INDEX readings_minute ON readings (minute)",
                    """
                    CREATE TABLE sessions (
                      id TEXT PRIMARY KEY, pile TEXT NOT NULL, arrival INTEGER NOT NULL, departure INTEGER,
                      declared_departure INTEGER, declared_kwh REAL, delivered_kwh REAL NOT NULL, full INTEGER NOT NULL)""",
                    "CREATE INDEX sessions_arrival ON sessions (arrival)",
                    """
                    CREATE TABLE plans (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, created_at INTEGER NOT NULL)""",
                    "CREATE INDEX plans_created ON plans (created_at)",
                    """
                    CREATE TABLE plan_slots (
                      plan INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE, slot_start INTEGER NOT NULL,
                      slot_end INTEGER NOT NULL, base_kw REAL NOT NULL, ev_kw REAL NOT NULL,
                      PRIMARY KEY (plan, slot_start)) WITHOUT ROWID""",
                    """
                    CREATE TABLE events (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, kind TEXT NOT NULL,
                      subject TEXT NOT NULL, message TEXT NOT NULL)""",
                    "CREATE INDEX events_time ON events (time)")),
            // The upstream link (org.orderly.gateway.upstream, docs/upstream.md): messages wait in the outbox until the
            // broker's PUBACK; upstream_seq holds the last number given out, so a number is never reused, even when the
            // outbox is empty; a held row is the last will the broker holds for the present connection; grid caps
            // accepted from the grid company survive a restart.
            new Migration(2, "upstream outbox and grid caps", List.of(
                    """
                    CREATE TABLE outbox (
                      seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload BLOB NOT NULL, retained INTEGER NOT NULL,
                      held INTEGER NOT NULL, created_at INTEGER NOT NULL)""",
                    "CREATE TABLE upstream_seq (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)",
                    "INSERT INTO upstream_seq VALUES (1, 0)",
                    """
                    CREATE TABLE grid_caps (
                      id TEXT PRIMARY KEY, valid_from INTEGER NOT NULL, valid_to INTEGER NOT NULL, limit_kw REAL NOT NULL,
                      received_at INTEGER NOT NULL)""")),
            // A message the broker will not take (above its packet size limit, or refused in its PUBACK) is moved
            // here with the reason, so the outbox moves on and nothing is deleted unseen (docs/upstream.md).
            new Migration(3, "outbox messages set aside", List.of(
                    """
                    CREATE TABLE outbox_set_aside (
                      seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload BLOB NOT NULL, retained INTEGER NOT NULL,
                      created_at INTEGER NOT NULL, set_aside_at INTEGER NOT NULL, reason TEXT NOT NULL)""")),
            // A session's id ends in a number given out once (docs/architecture.md, "Session ids"): the wall-clock
            // second of its arrival alone repeats when NTP steps the clock back, and the later session's record
            // replaced the earlier one. Sessions recorded before keep their ids, which no numbered id can equal.
            new Migration(4, "session numbers", List.of(
                    "CREATE TABLE session_seq (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)",
                    "INSERT INTO session_seq VALUES (1, 0)")),
            // A session open when the gateway stopped is continued or closed when it comes back (docs/architecture.md,
            // "Sessions across a restart"): last_seen and pile_energy_kwh are what the gateway tells the same car by,
            // and departure_seen = 0 marks a session whose car left while the gateway was down (its departure is then a
            // lower bound). Rows written before are departures seen, with nothing to tell their car by.
            new Migration(5, "sessions across a restart", List.of(
                    "ALTER TABLE sessions ADD COLUMN departure_seen INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE sessions ADD COLUMN last_seen INTEGER",
                    "ALTER TABLE sessions ADD COLUMN pile_energy_kwh REAL")),
            // An ended session's upstream message is made from its row and stored in the outbox in the transaction that
            // sets upstream_stored (docs/upstream.md, "sessions"), so it is neither lost nor sent twice. Rows already
            // ended count as stored: gateways before offered their messages when the sessions ended.
            new Migration(6, "session messages from the sessions table", List.of(
                    "ALTER TABLE sessions ADD COLUMN upstream_stored INTEGER NOT NULL DEFAULT 0",
                    "UPDATE sessions SET upstream_stored = 1 WHERE departure IS NOT NULL",
                    "CREATE INDEX sessions_upstream_due ON sessions (departure) WHERE upstream_stored = 0")),
            // The drainer bounds every lookup by the first row held for the clock (docs/upstream.md, "When the
            // gateway's clock is not set"), and the outbox opening reads the held wills: with a week's backlog in the
            // outbox, each would otherwise pass over the whole table.
            new Migration(7, "outbox rows by held", List.of(
                    "CREATE INDEX outbox_held ON outbox (held, seq)")),
            // An event's arguments (a JSON object of text by name, EventKind), from which the page says it in its
            // language (docs/web.md, "Events"). Rows stored before have none (NULL) and are shown as stored.
            new Migration(8, "event arguments", List.of(
                    "ALTER TABLE events ADD COLUMN args TEXT")),
            // What a session's car took is not known when its pile counts no energy (a Modbus pile map without
            // energy.session.kwh): delivered_kwh is then null, not 0 (docs/operations.md, "sessions"). SQLite
            // cannot drop a NOT NULL, so the table is made anew with the same columns and indexes. Rows written before
            // keep the 0 they were written with: which of them were such a pile's the row does not tell.
            new Migration(9, "session energy not known", List.of(
                    """
                    CREATE TABLE sessions_9 (
                      id TEXT PRIMARY KEY, pile TEXT NOT NULL, arrival INTEGER NOT NULL, departure INTEGER,
                      declared_departure INTEGER, declared_kwh REAL, delivered_kwh REAL, full INTEGER NOT NULL,
                      departure_seen INTEGER NOT NULL DEFAULT 1, last_seen INTEGER, pile_energy_kwh REAL,
                      upstream_stored INTEGER NOT NULL DEFAULT 0)""",
                    """
                    INSERT INTO sessions_9 (id, pile, arrival, departure, declared_departure, declared_kwh, delivered_kwh,
                      full, departure_seen, last_seen, pile_energy_kwh, upstream_stored)
                    SELECT id, pile, arrival, departure, declared_departure, declared_kwh, delivered_kwh, full,
                      departure_seen, last_seen, pile_energy_kwh, upstream_stored FROM sessions""",
                    "DROP TABLE sessions",
                    "ALTER TABLE sessions_9 RENAME TO sessions",
                    "CREATE INDEX sessions_arrival ON sessions (arrival)",
                    "CREATE INDEX sessions_upstream_due ON sessions (departure) WHERE upstream_stored = 0")),
            // Which set-aside messages the broker refused, and which later message on their topic it took since
            // (docs/upstream.md, "A message the broker will not take is set aside"): a start raises the page's
            // UPSTREAM_MESSAGES_REFUSED again from them. Rows set aside before count as not refused: their reason is
            // text for an operator, not something to tell a refusal by, so a store upgraded so starts with none.
            new Migration(10, "set-aside messages the broker refused", List.of(
                    "ALTER TABLE outbox_set_aside ADD COLUMN refused INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE outbox_set_aside ADD COLUMN taken_by INTEGER")),
            // How much of its minute a reading's mean stands for (MinuteDownsampler), in milliseconds: a minute written
            // twice (a restart within it, a clock step, a late sample) is merged weighted by it (ReadingsTable.upsert,
            // docs/operations.md, "The store"). Rows written before have none (NULL): merged with one, the mean is
            // weighted by samples, as it was.
            new Migration(11, "the time a minute's reading covers", List.of(
                    "ALTER TABLE readings ADD COLUMN covered_ms INTEGER")),
            // A store put back from a backup (StoreRestore) has its message numbers begin again; its next start's
            // store.numbered event says so, not "a fresh store" (docs/upstream.md, "events"). Set by the restore,
            // cleared when the numbers begin.
            new Migration(12, "a restored store's message numbers", List.of(
                    "ALTER TABLE upstream_seq ADD COLUMN restored INTEGER NOT NULL DEFAULT 0")));

    private Migrations() {
    }

    /**
     * Brings the schema up to the newest version; returns the version the file is at afterwards. A file whose version
     * is newer than this build's is refused ({@link NewerSchemaException}) before anything is written to it.
     */
    public static int apply(Connection c, Clock clock) throws SQLException {
        return apply(c, clock, ALL);
    }

    static int apply(Connection c, Clock clock, List<Migration> migrations) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int current = currentVersion(c);
        int known = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (current > known) {
            throw new NewerSchemaException(current, known);
        }
        for (Migration m : migrations) {
            if (m.version() <= current) {
                continue;
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                 PreparedStatement v = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                v.setInt(1, m.version());
                v.setString(2, m.description());
                v.setLong(3, clock.instant().getEpochSecond());
                v.executeUpdate();
                c.commit();
                LOG.info("store schema migrated to version {} ({})", m.version(), m.description());
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("migration " + m.version() + " (" + m.description() + ") failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
            current = m.version();
        }
        return current;
    }

    /** The newest version recorded in {@code schema_version}, 0 for a new file. */
    public static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
