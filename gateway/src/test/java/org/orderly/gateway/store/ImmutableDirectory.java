package org.orderly.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory that takes no new file and no rename, even from root (the tests run as root in CI): {@code chattr +i},
 * where the file system has the flag. What a move aside meets on a full or read-only card.
 */
public final class ImmutableDirectory {
    private ImmutableDirectory() {
    }

    /** Makes {@code dir} immutable; false where that cannot be done or does not hold (a test then skips). */
    public static boolean make(Path dir) throws InterruptedException {
        if (!chattr("+i", dir)) {
            return false;
        }
        Path probe = dir.resolve("probe");
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return false; // the flag does not hold here
        } catch (IOException refused) {
            return true;
        }
    }

    /** Makes {@code dir} writable again. */
    public static void undo(Path dir) throws InterruptedException {
        chattr("-i", dir);
    }

    private static boolean chattr(String flag, Path dir) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
