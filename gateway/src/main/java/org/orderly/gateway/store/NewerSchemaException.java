package org.orderly.gateway.store;

import java.sql.SQLException;

/**
 * The store's schema version is above every migration this build knows: a newer build wrote it (the package was
 * downgraded). This build does not write to it: it would write past the newer build's rules (a column it does not
 * fill, a meaning a migration changed), and a migration is never undone (docs/operations.md, "A store from a newer
 * build").
 */
public final class NewerSchemaException extends SQLException {
    public NewerSchemaException(int found, int known) {
        super("its schema version is " + found + ", newer than this build's (" + known + "): a newer Orderly"
                + " wrote it, and the store is left as it is. Install that Orderly (or a newer one) again; or, to run"
                + " this one without that store's history, move the store with its -wal and -shm aside and start"
                + " again: a fresh one is made (docs/operations.md, \"A store from a newer build\")");
    }
}
