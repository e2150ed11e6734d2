package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * Makes the fresh store in place of one moved aside, with what matters that SQLite can still read of the damaged one,
 * read-only (its WAL included): every session (the open ones go on, the ended ones whose upstream message is not stored
 * yet are sent; those of a store from before migration 6 were, as that migration says), the unsent messages of the
 * outbox, the grid caps and the two number sequences. Each table is taken whole or not at all. A sequence that cannot
 * be read, and a message sequence never used (an earlier store may have given those numbers), starts at the
 * milliseconds of the latest of the clock, this build's time and the damaged files' last change:
 * above any number given out before, as a store counts from 0 by one for each session or message and has not come
 * near 10^12 (an earlier start of this kind began at its own time, before the damaged files' last change), so no
 * session id or message id repeats (docs/architecture.md, "Session ids"; docs/upstream.md, the envelope's
 * {@code seq}). History (readings, plans, events) is not taken: it stays in the damaged file.
 */
final class StoreSalvage {
    /**
     * What was copied and what could not be read, in words; {@code why} is SQLite's first refusal, or null;
     * {@code firstSeq} the first message number the fresh store gives.
     */
    record Result(List<String> salvaged, List<String> lost, String why, long firstSeq) {
    }

    private final Connection from;
    private final Connection to;
    private final List<String> salvaged = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();
    private String why;
    private long firstSeq;

    private StoreSalvage(Connection from, Connection to) {
        this.from = from;
        this.to = to;
    }

    /** Makes the store {@code fresh} (which must not exist) with what can be read of {@code damaged}. */
    static Result into(Path fresh, Path damaged, Clock clock, Instant floor) {
        long seed = seed(damaged, clock, floor);
        // While the clock is not set the floor and the files' times (the unset clock's) are the same for every store
        // moved aside so, whose message numbers then repeated: they begin as a fresh store's begun so.
        long numbersSeed = clock.instant().isBefore(floor) ? Math.max(seed, UnsetClockNumbers.first(floor) - 1) : seed;
        try (Connection to = new Database(fresh).open(SynchronousMode.FULL)) {
            Migrations.apply(to, clock);
            to.setAutoCommit(false);
            try (Connection from = StoreCheck.readOnly(damaged)) {
                StoreSalvage s = new StoreSalvage(from, to);
                s.copyAll(seed, numbersSeed);
                to.commit();
                return new Result(s.salvaged, s.lost, s.why, s.firstSeq);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot make a fresh store " + fresh + " in place of the damaged one: "
                    + e.getMessage(), e);
        }
    }

    /** Records {@code e} in the store {@code file}. */
    static void record(Path file, StoreEvent e) {
        try (Connection c = new Database(file).open(SynchronousMode.FULL)) {
            EventsTable.insert(c, e);
        } catch (SQLException ex) {
            throw new StoreException("cannot record " + e.kind() + " in " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void copyAll(long seed, long numbersSeed) throws SQLException {
        Optional<List<String>> sessionColumns = copy("sessions");
        if (sessionColumns.isPresent()) {
            if (!sessionColumns.get().contains("upstream_stored")) {
                // A store from before migration 6, whose gateway offered each session's message when it ended: its
                // ended rows are sent, as that migration marks them, not due as the column's default says.
                execute("UPDATE sessions SET upstream_stored = 1 WHERE departure IS NOT NULL");
            }
            salvaged.add("sessions: " + count("SELECT COUNT(*) FROM sessions") + " ("
                    + count("SELECT COUNT(*) FROM sessions WHERE departure IS NULL") + " open)");
        } else {
            lost.add("sessions (cars plugged in are taken as new sessions)");
        }
        if (copy("outbox").isPresent()) {
            // Rows held stay held: the outbox, opening on this store, treats them as it treats those of any run that
            // ended (a will released, an unacknowledged online or a row stamped by an unset clock set aside).
            salvaged.add("unsent messages: " + count("SELECT COUNT(*) FROM outbox"));
        } else {
            lost.add("unsent messages");
        }
        if (copy("grid_caps").isPresent()) {
            salvaged.add("grid caps: " + count("SELECT COUNT(*) FROM grid_caps"));
        } else {
            lost.add("grid caps (the grid company's caps in force until it sends them again)");
        }
        Optional<Long> sessions = sequence("session_seq");
        setSequence("session_seq", sessions.orElse(seed));
        (sessions.isPresent() ? salvaged : lost).add(sessions.map(n -> "session numbers (up to " + n + ")")
                .orElse("session numbers (new ones start at " + seed + ", above any given out before)"));
        Optional<Long> messages = sequence("upstream_seq");
        long highestKept = count("SELECT COALESCE(MAX(seq), 0) FROM outbox");
        long lastGiven = Math.max(highestKept, messages.orElse(numbersSeed));
        boolean neverNumbered = lastGiven == 0;
        if (neverNumbered) {
            // A store that gave no number may have replaced one that did (deleted or moved aside before it): its fresh
            // store begins above them as the outbox begins any store that never numbered, and the move's event alone
            // says where (seqFrom), not a store.numbered beside it naming another number.
            lastGiven = numbersSeed;
        }
        setSequence("upstream_seq", lastGiven);
        firstSeq = lastGiven + 1;
        if (messages.isEmpty()) {
            lost.add("message numbers (new ones start at " + firstSeq + ", above any given out before)");
        } else if (neverNumbered) {
            salvaged.add("message numbers (none given yet; new ones start at " + firstSeq
                    + ", above any an earlier store gave)");
        } else {
            salvaged.add("message numbers (up to " + messages.get() + ")");
        }
    }

    /**
     * Copies every row of {@code table} in the columns both stores have, or none; the damaged table's columns, empty
     * when it could not be read.
     */
    private Optional<List<String>> copy(String table) throws SQLException {
        List<String> columns = columns(table);
        execute("SAVEPOINT salvage");
        try (Statement s = from.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> damagedColumns = new ArrayList<>();
            List<Integer> taken = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                damagedColumns.add(meta.getColumnName(i));
                if (columns.contains(meta.getColumnName(i))) {
                    taken.add(i);
                    names.add(meta.getColumnName(i));
                }
            }
            try (PreparedStatement insert = to.prepareStatement("INSERT OR REPLACE INTO " + table + " ("
                    + String.join(", ", names) + ") VALUES (" + String.join(", ", Collections.nCopies(names.size(), "?"))
                    + ")")) {
                while (r.next()) {
                    for (int k = 0; k < taken.size(); k++) {
                        insert.setObject(k + 1, r.getObject(taken.get(k)));
                    }
                    insert.executeUpdate();
                }
            }
            execute("RELEASE salvage");
            return Optional.of(damagedColumns);
        } catch (SQLException e) {
            execute("ROLLBACK TO salvage");
            execute("RELEASE salvage");
            refused(e);
            return Optional.empty();
        }
    }

    private Optional<Long> sequence(String table) {
        try (Statement s = from.createStatement(); ResultSet r = s.executeQuery("SELECT seq FROM " + table + " WHERE id = 1")) {
            if (!r.next()) {
                why = why == null ? table + " has no row" : why;
                return Optional.empty();
            }
            return Optional.of(r.getLong(1));
        } catch (SQLException e) {
            refused(e);
            return Optional.empty();
        }
    }

    private void setSequence(String table, long value) throws SQLException {
        try (PreparedStatement p = to.prepareStatement("UPDATE " + table + " SET seq = ? WHERE id = 1")) {
            p.setLong(1, value);
            p.executeUpdate();
        }
    }

    private void refused(SQLException e) {
        if (why == null) {
            why = e.getMessage();
        }
    }

    private List<String> columns(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = to.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                out.add(r.getString("name"));
            }
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        try (Statement s = to.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = to.createStatement()) {
            s.execute(sql);
        }
    }

    /** The milliseconds of the latest of the clock, {@code floor} and the damaged files' last change. */
    static long seed(Path damaged, Clock clock, Instant floor) {
        long latest = Math.max(clock.millis(), floor.toEpochMilli());
        for (Path p : List.of(damaged, damaged.resolveSibling(damaged.getFileName() + "-wal"))) {
            try {
                if (Files.exists(p)) {
                    latest = Math.max(latest, Files.getLastModifiedTime(p).toMillis());
                }
            } catch (IOException e) {
                // The clock and this build's time remain; the file's time only raises the start.
            }
        }
        return latest + 1;
    }
}
