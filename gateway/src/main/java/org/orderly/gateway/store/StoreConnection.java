package org.orderly.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;

/**
 * A long-lived connection to the store's file that follows it when a running gateway moves the file aside and makes a
 * fresh one ({@link Database#swap}): each {@link #lease} holds the file in place while the caller uses the connection,
 * and after a swap opens a new one on the fresh file with the same settings.
 */
public final class StoreConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    private final Database db;
    private final SynchronousMode sync;
    private final TransactionMode transactions;
    private Connection connection;
    private long generation;

    private StoreConnection(Database db, SynchronousMode sync, TransactionMode transactions, Connection connection,
                            long generation) {
        this.db = db;
        this.sync = sync;
        this.transactions = transactions;
        this.connection = connection;
        this.generation = generation;
    }

    /** Opens one now ({@link Database#open(SynchronousMode, TransactionMode)}). */
    public static StoreConnection open(Database db, SynchronousMode sync, TransactionMode transactions) {
        Database.Opened o = db.opened(sync, transactions);
        return new StoreConnection(db, sync, transactions, o.connection(), o.generation());
    }

    /** The connection in use, held until closed (on the same thread): {@code release} lets a swap begin. */
    public record Lease(Connection connection, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    /** The connection, on the file as it is now, which stays in place until the lease is closed. */
    public Lease lease() {
        Database.Use use = db.use();
        try {
            return new Lease(following(), use::close);
        } catch (RuntimeException e) {
            use.close();
            throw e;
        }
    }

    /**
     * The connection now, opened again on the fresh file if the file was swapped since (the swap closed the old one);
     * not held in place, so a swap may close it under its caller.
     */
    public Connection current() {
        // The file held first, then this object, as a lease takes them: the other way round, a swap waiting for a
        // lease that waits for this object would wait for ever, and this call's open for the swap.
        try (Database.Use use = db.use()) {
            return following();
        }
    }

    /** {@link #current()} with the file held by the caller. */
    private synchronized Connection following() {
        if (generation != db.generation()) {
            Database.Opened o = db.opened(sync, transactions);
            connection = o.connection();
            generation = o.generation();
            LOG.debug("store {}: connection opened again on the fresh file", db.file());
        }
        return connection;
    }

    /** The store's file, for the log. */
    public String file() {
        return db.file().toString();
    }

    /** Whether a move aside of its damaged file is due ({@link Database#movingAside()}). */
    public boolean movingAside() {
        return db.movingAside();
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing a store connection: {}", e.getMessage());
        }
    }
}
