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

    /**
     * What this writes, for the log when it fails ({@code an event}); writes that fail the same way and say the same
     * here are one kind, summed up in the log (docs/operations.md, "When writes fail"). By default the class that
     * made the write.
     */
    default String what() {
        String name = getClass().getName();
        name = name.substring(name.lastIndexOf('.') + 1);
        int inner = name.indexOf('$');
        return "a write of " + (inner > 0 ? name.substring(0, inner) : name);
    }

    /**
     * Whether this write stores a message to send upstream (the outbox's): a full queue counts those among the writes
     * it drops ({@link StoreWriter.Dropped}), as the grid side hears of them. By default not.
     */
    default boolean storesMessage() {
        return false;
    }

    /**
     * Whether this write is kept and tried again, never given up, while it fails for a reason that may pass (a
     * session's row, the last session number given out: docs/operations.md, "The store"), also by a writer made without
     * a {@link StoreWriter.Retry}, which gives up the others. By default not.
     */
    default boolean kept() {
        return false;
    }

    /** {@code w}, said to write {@code what}, and {@link #kept()}. */
    static Write kept(String what, Write w) {
        return described(what, w, true);
    }

    /** {@code w}, said to write {@code what} ({@link #what()}). */
    static Write named(String what, Write w) {
        return described(what, w, w.kept());
    }

    private static Write described(String what, Write w, boolean kept) {
        return new Write() {
            @Override
            public void apply(Connection connection) throws SQLException {
                w.apply(connection);
            }

            @Override
            public void givenUp(SQLException why) {
                w.givenUp(why);
            }

            @Override
            public String what() {
                return what;
            }

            @Override
            public boolean storesMessage() {
                return w.storesMessage();
            }

            @Override
            public boolean kept() {
                return kept;
            }
        };
    }
}
