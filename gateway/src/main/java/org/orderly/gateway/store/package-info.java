/**
 * The gateway's SQLite store: per-minute meter readings, sessions, plans and events.
 *
 * <p>The control thread never waits on the database: it hands writes to {@link org.orderly.gateway.store.StoreWriter},
 * a bounded queue drained by one writer thread, and an overflow is counted and recorded rather than blocking.
 * The file is in WAL mode, so readers (the web page, the API) use their own connections without stopping the writer.
 * The schema is versioned ({@link org.orderly.gateway.store.Migrations}); old rows go with
 * {@link org.orderly.gateway.store.Retention}. A damaged file is checked for at start and moved aside, a fresh one made
 * with what can be read ({@link org.orderly.gateway.store.StoreCheck}, {@link org.orderly.gateway.store.StoreSalvage});
 * one found damaged while running is moved aside the same way without a restart
 * ({@link org.orderly.gateway.store.StoreRecovery}), the long-lived connections following the file
 * ({@link org.orderly.gateway.store.StoreConnection}).
 */
package org.orderly.gateway.store;
