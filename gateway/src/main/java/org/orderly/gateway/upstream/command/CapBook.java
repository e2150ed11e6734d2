package org.orderly.gateway.upstream.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.store.Database;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StoreConnection;
import org.orderly.gateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;

/**
 * The grid caps accepted from the grid company, persisted before they are acknowledged so a restart keeps them.
 * {@link #caps()} is what the control loop reads every cycle (a volatile read of an immutable list; it never waits),
 * so an accepted cap reaches the Limiter at the next cycle and makes the OrderlyPolicy re-plan at once. Accepting is
 * idempotent by id: the same cap again is a {@link Verdict.Duplicate}; the same id with other values is rejected.
 * Ended caps are kept {@link #KEEP_ENDED} to recognise late repeats, then forgotten.
 */
public final class CapBook implements AutoCloseable {
    static final Duration KEEP_ENDED = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(CapBook.class);

    /** Follows the store's file when a running gateway moves it aside (the caps are salvaged into the fresh one). */
    private final StoreConnection connection;
    private final Clock clock;
    private final CommandLimits limits;
    private final Map<String, CapCommand> known = new LinkedHashMap<>();
    private volatile List<GridCap> caps = List.of();

    private CapBook(StoreConnection connection, Clock clock, CommandLimits limits) {
        this.connection = connection;
        this.clock = clock;
        this.limits = limits;
    }

    private void load() throws SQLException {
        try (StoreConnection.Lease lease = connection.lease()) {
            GridCapsTable.deleteEndedBefore(lease.connection(), clock.instant().minus(KEEP_ENDED));
            for (CapCommand c : GridCapsTable.all(lease.connection())) {
                if (c.to().isAfter(c.from())) {
                    known.put(c.id(), c);
                } else {
                    // Until 2026-12-03 a cap within one millisecond was accepted and stored with its window empty; it
                    // limits nothing, and taken as a cap it would stop every start until it had ended.
                    LOG.warn("grid caps: cap {} was stored with an empty window (from {} to {}); it is passed over",
                            c.id(), c.from(), c.to());
                }
            }
        }
        refresh();
        LOG.info("grid caps: {} pending or in force, {} remembered", caps.size(), known.size());
    }

    /** Opens the caps in the store's file (migration 2 must have run). */
    public static CapBook open(Database db, Clock clock, CommandLimits limits) {
        // A cap is acknowledged once stored: its commit is synced, so a power cut after the reply cannot take it.
        StoreConnection c = StoreConnection.open(db, SynchronousMode.FULL, TransactionMode.DEFERRED);
        CapBook book = new CapBook(c, clock, limits);
        try {
            book.load();
            return book;
        } catch (SQLException e) {
            if (StoreCheck.isDamage(e)) {
                // Not worth a start that fails again at every restart, every pile without coordination meanwhile
                // (docs/operations.md, "A damaged store"): the transformer's own limit still holds, and the next start
                // moves the store aside with what can be read of the caps.
                LOG.error("grid caps: those accepted before could not be read from {} at start ({}); the piles are held"
                        + " to the transformer's limit and to the caps sent from now on", db.file(), e.getMessage());
                db.damagedRead("the grid caps at start", e, clock.instant());
                book.known.clear();
                book.refresh();
                return book;
            }
            c.close();
            throw new StoreException("cannot read grid caps from " + db.file() + ": " + e.getMessage(), e);
        }
    }

    /** The caps not yet ended, as of the last change; for the control loop. */
    public List<GridCap> caps() {
        return caps;
    }

    /** Stores and applies a validated cap, unless it repeats one or there are too many; never on the control thread. */
    public synchronized Verdict accept(CapCommand cap) {
        CapCommand before = known.get(cap.id());
        if (before != null) {
            return before.equals(cap) ? new Verdict.Duplicate()
                    // The accepted cap as its cap.accepted said it (the limit as the grid side wrote it, 30 kW).
                    : new Verdict.Rejected("duplicate id: " + cap.id() + " was accepted before with other values "
                    + "(" + before.said() + ")");
        }
        refresh();
        if (caps.size() >= limits.maxCaps()) {
            return new Verdict.Rejected("too many caps: " + caps.size() + " are pending or in force; at most "
                    + limits.maxCaps());
        }
        try (StoreConnection.Lease lease = connection.lease()) {
            GridCapsTable.insert(lease.connection(), cap, clock.instant());
        } catch (SQLException e) {
            LOG.error("grid cap {} not stored: {}", cap.id(), e.getMessage(), e);
            return new Verdict.Rejected("not stored: " + e.getMessage());
        }
        known.put(cap.id(), cap);
        refresh();
        LOG.info("grid cap {} accepted: {}", cap.id(), cap.said());
        return new Verdict.Accepted();
    }

    /** Whether this very cap (same id, same values) was accepted and is still remembered, ended or not. */
    public synchronized boolean knows(CapCommand cap) {
        return cap.equals(known.get(cap.id()));
    }

    /** Forgets caps that ended more than {@link #KEEP_ENDED} ago. */
    public synchronized void prune() {
        Instant cut = clock.instant().minus(KEEP_ENDED);
        try (StoreConnection.Lease lease = connection.lease()) {
            GridCapsTable.deleteEndedBefore(lease.connection(), cut);
            known.values().removeIf(c -> c.to().isBefore(cut));
            refresh();
        } catch (SQLException e) {
            LOG.warn("pruning grid caps failed: {}", e.getMessage());
        }
    }

    private void refresh() {
        Instant now = clock.instant();
        caps = known.values().stream().filter(c -> c.to().isAfter(now)).map(CapCommand::cap).toList();
    }

    /** The connection caps are stored on, for tests that look at its settings. */
    Connection connection() {
        return connection.current();
    }

    @Override
    public void close() {
        connection.close();
    }
}
