package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.orderly.gateway.core.time.ClockStep;

/**
 * Moves what this run recorded while the clock was not set by the step that set it (docs/operations.md, "The clock"):
 * readings' minutes (the open ones written first), events this run added, sessions' times. Only times the unset clock
 * can have given are moved ({@link ClockStep#correct}: from a week before it was first seen to what it would say at
 * the set); events also only if this run added them (their ids are after the newest at open), since an earlier run
 * that stopped before its clock was set left times in the same span that no step of this run fits. A session's id,
 * which holds its arrival's second for people, is kept: it is what the session is known by.
 */
final class ClockStepWrite implements Write {
    private static final String[] SESSION_TIMES = {"arrival", "departure", "declared_departure", "last_seen"};

    private final ClockStep step;
    private final long eventsAfterId;
    private final Supplier<List<MinuteReading>> openMinutes;
    /** Taken from the downsampler once, on the first attempt (a replayed write writes the same). */
    private List<MinuteReading> open;

    ClockStepWrite(ClockStep step, long eventsAfterId, Supplier<List<MinuteReading>> openMinutes) {
        this.step = step;
        this.eventsAfterId = eventsAfterId;
        this.openMinutes = openMinutes;
    }

    @Override
    public String what() {
        return "the clock step's corrections of the rows stamped before it";
    }

    @Override
    public void apply(Connection c) throws SQLException {
        if (open == null) {
            open = openMinutes.get();
        }
        ReadingsTable.upsert(c, open);
        long lo = step.from().minus(ClockStep.LOOKBACK).getEpochSecond();
        long hi = step.to().getEpochSecond();
        long by = step.by().getSeconds();
        readings(c, lo, hi);
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE events SET time = time + ? WHERE id > ? AND time >= ? AND time <= ?")) {
            p.setLong(1, by);
            p.setLong(2, eventsAfterId);
            p.setLong(3, lo);
            p.setLong(4, hi);
            p.executeUpdate();
        }
        for (String column : SESSION_TIMES) {
            try (PreparedStatement p = c.prepareStatement("UPDATE sessions SET " + column + " = " + column
                    + " + ? WHERE " + column + " >= ? AND " + column + " <= ?")) {
                p.setLong(1, by);
                p.setLong(2, lo);
                p.setLong(3, hi);
                p.executeUpdate();
            }
        }
    }

    /**
     * Each minute moves by the step rounded to whole minutes, to the minute its samples mostly fall in; the last may
     * meet the first minute recorded once the clock was set, and is merged with it as any two writes of one minute are.
     */
    private void readings(Connection c, long lo, long hi) throws SQLException {
        List<MinuteReading> moved = new ArrayList<>();
        long byMinutes = Math.floorDiv(step.by().getSeconds() + 30, 60);
        try (PreparedStatement p = c.prepareStatement("SELECT meter, quantity, minute, min, mean, max, samples, covered_ms"
                + " FROM readings WHERE minute >= ? AND minute <= ?")) {
            p.setLong(1, Math.floorDiv(lo, 60) * 60);
            p.setLong(2, hi);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    moved.add(MinuteReading.stored(r.getString(1), r.getString(2),
                            Instant.ofEpochSecond(r.getLong(3) + byMinutes * 60), r.getDouble(4), r.getDouble(5),
                            r.getDouble(6), r.getInt(7), ReadingsTable.coveredOf(r, 8)));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM readings WHERE minute >= ? AND minute <= ?")) {
            p.setLong(1, Math.floorDiv(lo, 60) * 60);
            p.setLong(2, hi);
            p.executeUpdate();
        }
        ReadingsTable.upsert(c, moved);
    }
}
