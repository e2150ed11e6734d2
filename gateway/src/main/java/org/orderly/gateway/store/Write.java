package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;

/** One unit of work for the writer thread, run inside a transaction on the writer's connection. */
@FunctionalInterface
public interface Write {
    void apply(Connection connection) throws SQLException;

    /**
     * The writer has given this write up ({@code why}): it failed for a reason that does not pass, or still failed at
     * the writer's stop. Runs on the writer thread; by default nothing, for one who waits on the write to know.
     */
    default void givenUp(SQLException why) {
    }
}
