package org.orderly.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code events} table; an event's arguments are a JSON object in {@code args}, NULL for rows stored before. */
public final class EventsTable {
    private static final Logger LOG = LoggerFactory.getLogger(EventsTable.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() { };

    private EventsTable() {
    }

    public static void insert(Connection c, StoreEvent e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO events (time, kind, subject, message, args) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, e.time().getEpochSecond());
            p.setString(2, e.kind());
            p.setString(3, e.subject());
            p.setString(4, e.message());
            p.setString(5, e.args() == null ? null : json(e.args()));
            p.executeUpdate();
        }
    }

    /** Events in [from, to), oldest first. */
    public static List<StoreEvent> between(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT time, kind, subject, message, args FROM events WHERE time >= ? AND time < ? ORDER BY time, id")) {
            p.setLong(1, from.getEpochSecond());
            p.setLong(2, to.getEpochSecond());
            List<StoreEvent> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Instant time = Instant.ofEpochSecond(r.getLong(1));
                    out.add(new StoreEvent(time, r.getString(2), r.getString(3), r.getString(4),
                            args(r.getString(5), r.getString(2), time)));
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

    private static String json(Map<String, String> args) {
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of text is always written as JSON: " + e.getMessage(), e);
        }
    }

    /** Arguments that are not a JSON object of text (a file written by hand) are none: the event shows as stored. */
    private static Map<String, String> args(String json, String kind, Instant time) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, ARGS);
        } catch (JsonProcessingException e) {
            LOG.warn("store: the arguments of the {} event of {} are not a JSON object of text ({}); shown without",
                    kind, time, e.getOriginalMessage());
            return null;
        }
    }
}
