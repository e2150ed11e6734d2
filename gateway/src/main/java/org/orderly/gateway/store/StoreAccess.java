package org.orderly.gateway.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.orderly.text.Unwritable;

/**
 * Whether the user who runs this may write the store's files, checked before any of them is touched. A gateway run
 * once by hand with {@code sudo} (to see its log) leaves root's {@code orderly.db}, {@code -wal}, {@code -shm} and
 * {@code .lock} in {@code /var/lib/orderly}; the service's user then could not lock the store ({@code cannot lock
 * store ...: permission denied}), or, with the lock file its own, opened the store read-only (SQLite falls back to
 * that without a word) and failed at its first write ({@code cannot open the outbox ...: [SQLITE_READONLY] ...}).
 * Either way the line named neither the user nor whose the file is. Now one line says both, and what to do.
 */
final class StoreAccess {
    private static final List<String> FILES = List.of("", "-wal", "-shm", "-journal", ".lock");

    private StoreAccess() {
    }

    /** Throws a {@link StoreException} when this user may not write {@code store}'s files or make them. */
    static void check(Path store) {
        Path file = store.toAbsolutePath();
        Path dir = file.getParent();
        Optional<Unwritable> refused = Unwritable.asDirectory(dir);
        for (int i = 0; refused.isEmpty() && i < FILES.size(); i++) {
            refused = Unwritable.asFile(file.resolveSibling(file.getFileName() + FILES.get(i)));
        }
        refused.ifPresent(r -> {
            throw new StoreException("cannot open store " + file + ": " + r.text() + "; " + remedy(r, file), null);
        });
    }

    private static String remedy(Unwritable refused, Path file) {
        String user = refused.user();
        if (user.equals(refused.owner()) && !(refused instanceof Unwritable.Above)) {
            // The user's own, only its mode stopping them: a chown to the same user would change nothing (until
            // 2026-12-07 that was the advice, StoreAccessTest).
            return "it is that user's own, only its mode refuses: chmod " + (refused instanceof Unwritable.File ? "u+w " : "u+wx ")
                    + refused.refusing();
        }
        if (refused instanceof Unwritable.File f) {
            return ("root".equals(f.owner()) ? "a gateway run as root (sudo orderly run) leaves its files so; " : "")
                    + "give the store's files to user " + user + " (sudo chown " + user + ": " + file + "*), or run the"
                    + " gateway as their owner";
        }
        if (refused instanceof Unwritable.Above a) {
            return "make it for user " + user + " (sudo install -d -o " + user + " " + a.dir() + "), or give store.path"
                    + " a directory that user may write";
        }
        return "give the store's directory to user " + user + " (sudo chown " + user + ": " + refused.refusing()
                + "), or give store.path a directory that user may write";
    }
}
