package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the disk under a store is full, for the line of a store that cannot be opened (docs/operations.md, "A full
 * disk"). SQLite says a full disk at open as {@code SQLITE_FULL}, or as {@code SQLITE_IOERR_SHMSIZE} "disk I/O error"
 * when it cannot grow the {@code -shm} file, which reads as a failing card; the free space tells them apart.
 */
public final class FullDisk {
    /**
     * Below this a store cannot be counted on to open: SQLite makes a 32 KiB {@code -shm}, and a start writes its
     * migrations, the clean-stop marks and the first minutes' rows into the WAL.
     */
    static final long FULL_BELOW_BYTES = 1 << 20;

    private FullDisk() {
    }

    /**
     * "the disk holding it is full (N bytes free on MOUNT); free space there and start again, ..."
     * when {@code file}'s filesystem has less than {@link #FULL_BELOW_BYTES} free to this process; empty otherwise or
     * when that cannot be told.
     */
    static Optional<String> said(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            FileStore disk = Files.getFileStore(dir);
            long free = disk.getUsableSpace();
            if (free >= FULL_BELOW_BYTES) {
                return Optional.empty();
            }
            return Optional.of("the disk holding it is full (" + free + " bytes free on " + disk + "); free space"
                    + " there and start again, under systemd it restarts by itself (docs/operations.md, \"A full disk\")");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code what}'s failure on {@code file}: "WHAT FILE: " then the full disk when it is, then SQLite's reason. Also
     * the outbox's opening, which writes (the wills of a run before released) on a store that opened.
     */
    public static String failure(String what, Path file, Exception e) {
        return what + " " + file + ": " + said(file).map(s -> s + " (SQLite: " + e.getMessage() + ")")
                .orElse(e.getMessage());
    }
}
