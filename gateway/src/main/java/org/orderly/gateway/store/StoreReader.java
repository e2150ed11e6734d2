package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on a connection of its own; WAL lets it read while the writer writes. Not thread-safe. */
public final class StoreReader implements AutoCloseable {
    private final Connection connection;

    StoreReader(Connection connection) {
        this.connection = connection;
    }

    public List<MinuteReading> readings(String meter, String quantity, Instant from, Instant to) {
        return query("readings", () -> ReadingsTable.range(connection, meter, quantity, from, to));
    }

    public List<SessionRecord> sessions(Instant from, Instant to) {
        return query("sessions", () -> SessionsTable.arrivedBetween(connection, from, to));
    }

    /** Every session not ended, whenever it arrived. */
    public List<SessionRecord> openSessions() {
        return query("sessions", () -> SessionsTable.open(connection));
    }

    public Optional<PlanRecord> latestPlan(Instant at) {
        return query("plans", () -> PlansTable.latestAt(connection, at));
    }

    public List<StoreEvent> events(Instant from, Instant to) {
        return query("events", () -> EventsTable.between(connection, from, to));
    }

    /**
     * The newest time anything on record was stamped with (readings, events, sessions' arrivals, departures and last
     * sightings); empty for an empty store.
     */
    public Optional<Instant> newestTime() {
        return query("readings, events and sessions", () -> {
            // Each MAX is one step down an index or the primary key but last_seen and departure, which scan sessions:
            // read once at start.
            try (java.sql.Statement s = connection.createStatement();
                 java.sql.ResultSet r = s.executeQuery("""
                         SELECT MAX(t) FROM (
                           SELECT MAX(minute) AS t FROM readings UNION ALL SELECT MAX(time) FROM events
                           UNION ALL SELECT MAX(arrival) FROM sessions UNION ALL SELECT MAX(departure) FROM sessions
                           UNION ALL SELECT MAX(last_seen) FROM sessions)""")) {
                long t = r.next() ? r.getLong(1) : 0;
                return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochSecond(t));
            }
        });
    }

    /** The connection, for queries this class does not offer yet. */
    public Connection connection() {
        return connection;
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T query(String table, Query<T> q) {
        try {
            return q.run();
        } catch (SQLException e) {
            throw new StoreException("reading " + table + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing store reader: " + e.getMessage(), e);
        }
    }
}
