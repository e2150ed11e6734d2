package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;

/** One unit of work for the writer thread, run inside a transaction on the writer's connection. */
@FunctionalInterface
public interface Write {
    void apply(Connection connection) throws SQLException;
}
