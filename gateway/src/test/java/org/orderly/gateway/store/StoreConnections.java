package org.orderly.gateway.store;

import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;

/** Store connections for tests that make a writer of their own. */
final class StoreConnections {
    private StoreConnections() {
    }

    /** One on {@code db} set as {@link Database#open()} sets a connection: synchronous NORMAL, transactions DEFERRED. */
    static StoreConnection on(Database db) {
        return StoreConnection.open(db, SynchronousMode.NORMAL, TransactionMode.DEFERRED);
    }
}
