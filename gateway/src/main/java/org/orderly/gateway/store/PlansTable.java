package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code plans} table and its {@code plan_slots}: one row per plan, one per slot. */
public final class PlansTable {
    private PlansTable() {
    }

    /** Stores a plan; returns its id. */
    public static long insert(Connection c, PlanRecord plan) throws SQLException {
        long id;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO plans (created_at) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, plan.createdAt().getEpochSecond());
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO plan_slots VALUES (?, ?, ?, ?, ?)")) {
            for (PlanSlot s : plan.slots()) {
                p.setLong(1, id);
                p.setLong(2, s.start().getEpochSecond());
                p.setLong(3, s.end().getEpochSecond());
                p.setDouble(4, s.baseKw());
                p.setDouble(5, s.evKw());
                p.addBatch();
            }
            p.executeBatch();
        }
        return id;
    }

    /** The newest plan made at or before {@code t}. */
    public static Optional<PlanRecord> latestAt(Connection c, Instant t) throws SQLException {
        long id;
        Instant created;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, created_at FROM plans WHERE created_at <= ? ORDER BY created_at DESC, id DESC LIMIT 1")) {
            p.setLong(1, t.getEpochSecond());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                id = r.getLong(1);
                created = Instant.ofEpochSecond(r.getLong(2));
            }
        }
        List<PlanSlot> slots = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT slot_start, slot_end, base_kw, ev_kw FROM plan_slots WHERE plan = ? ORDER BY slot_start")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    slots.add(new PlanSlot(Instant.ofEpochSecond(r.getLong(1)), Instant.ofEpochSecond(r.getLong(2)),
                            r.getDouble(3), r.getDouble(4)));
                }
            }
        }
        return Optional.of(new PlanRecord(id, created, slots));
    }
}
