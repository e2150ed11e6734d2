package org.orderly.gateway.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes SQLite refuse every write that changes something on a store's writer connection ({@code PRAGMA query_only}:
 * SQLITE_READONLY, as a card the kernel remounted read-only does; file modes would not stop the tests, which run as
 * root), or take them again: for a test outside the store of what the gateway makes of a store that takes no writes.
 */
public final class StoreRefusal {
    private StoreRefusal() {
    }

    public static void readOnly(Store store, boolean on) throws SQLException {
        try (StoreConnection.Lease l = store.writerConnection().lease();
             Statement s = l.connection().createStatement()) {
            s.execute("PRAGMA query_only = " + (on ? "ON" : "OFF"));
        }
    }
}
