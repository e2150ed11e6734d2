package org.orderly.gateway.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.SmallTmpfs;

/**
 * A store on a file system mounted read-only (a card the kernel remounted so after I/O errors): the start's line says
 * the system's reason and what to do, not Java's class name. Until 2026-12-05 it was {@code cannot lock store ...:
 * java.nio.file.FileSystemException: ...: Read-only file system}. A tmpfs mounted read-only by the test (skipped where
 * it may not mount); the tests run as root, which file modes do not stop.
 */
class StoreLockReadOnlyTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aReadOnlyFileSystemIsSaidAsSuchWithWhatToDo() throws Exception {
        try (SmallTmpfs ro = SmallTmpfs.mount(dir.resolve("ro"), "ro,size=1m")) {
            Path store = ro.dir().resolve("orderly.db");

            assertThatThrownBy(() -> StoreLock.take(store).close())
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot lock store " + store + " (" + store + ".lock): Read-only file system; the"
                            + " store's directory takes no writes: is its file system mounted read-only (mount; after I/O"
                            + " errors the kernel does so, dmesg says why)? make it writable, or give store.path a"
                            + " directory that is");
        }
    }
}
