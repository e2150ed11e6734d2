package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Queries on a connection of its own; WAL lets it read while the writer writes. The connection follows the store's
 * file ({@link StoreConnection}): each query holds the file in place, so a move aside of a damaged store while running
 * ({@link Database#swap}) waits for a query under way, a query asked for during the move waits for it, and a reader
 * open across the move reads the fresh store after it. Not thread-safe.
 */
public final class StoreReader implements AutoCloseable {
    private final StoreConnection connection;

    StoreReader(StoreConnection connection) {
        this.connection = connection;
    }

    public List<MinuteReading> readings(String meter, String quantity, Instant from, Instant to) {
        return query("readings", c -> ReadingsTable.range(c, meter, quantity, from, to));
    }

    public List<SessionRecord> sessions(Instant from, Instant to) {
        return query("sessions", c -> SessionsTable.arrivedBetween(c, from, to));
    }

    /** Every session not ended, whenever it arrived. */
    public List<SessionRecord> openSessions() {
        return query("sessions", c -> SessionsTable.open(c));
    }

    public Optional<PlanRecord> latestPlan(Instant at) {
        return query("plans", c -> PlansTable.latestAt(c, at));
    }

    public List<StoreEvent> events(Instant from, Instant to) {
        return query("events", c -> EventsTable.between(c, from, to));
    }

    /**
     * The newest time anything on record was stamped with (readings, events, sessions' arrivals, departures and last
     * sightings); empty for an empty store.
     */
    public Optional<Instant> newestTime() {
        return query("readings, events and sessions", StoreReader::newestTime);
    }

    /**
     * {@link #newestTime()} on a connection of the caller's: the demo reads it, before its gateway opens the store, to
     * resume a sped-up world after it.
     */
    public static Optional<Instant> newestTime(Connection c) throws SQLException {
        // Each MAX is one step down an index or the primary key but last_seen and departure, which scan sessions:
        // read once at start.
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("""
                     SELECT MAX(t) FROM (
                       SELECT MAX(minute) AS t FROM readings UNION ALL SELECT MAX(time) FROM events
                       UNION ALL SELECT MAX(arrival) FROM sessions UNION ALL SELECT MAX(departure) FROM sessions
                       UNION ALL SELECT MAX(last_seen) FROM sessions)""")) {
            long t = r.next() ? r.getLong(1) : 0;
            return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(t));
        }
    }

    /**
     * The connection on the file as it is now, for queries this class does not offer yet (tests, tools): not held in
     * place, so a move aside may close it under them.
     */
    public Connection connection() {
        return connection.current();
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String table, Query<T> q) {
        try (StoreConnection.Lease lease = connection.lease()) {
            return q.run(lease.connection());
        } catch (SQLException e) {
            throw new StoreException("reading " + table + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
