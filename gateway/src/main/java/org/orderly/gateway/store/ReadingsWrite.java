package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes the minutes a downsampler step closes. The step runs once, on the first attempt: when the writer
 * replays a failed batch the same minutes are written again and the downsampler is not fed twice.
 */
final class ReadingsWrite implements Write {
    private final Supplier<List<MinuteReading>> step;
    private List<MinuteReading> closed;

    ReadingsWrite(Supplier<List<MinuteReading>> step) {
        this.step = step;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        if (closed == null) {
            closed = step.get();
        }
        ReadingsTable.upsert(connection, closed);
    }

    @Override
    public String what() {
        return "the readings of the minutes closed";
    }
}
