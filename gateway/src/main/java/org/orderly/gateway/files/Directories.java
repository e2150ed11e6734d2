package org.orderly.gateway.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Directories that hold what must survive a power cut. A new directory is a new name in its parent, and like a renamed
 * file it is on the disk only once the parent is forced: until then (up to the file system's next journal commit, or
 * for ever when that never came) a power cut can take the directory and everything in it, however well each file in it
 * was forced. On first run that is the whole data directory.
 */
public final class Directories {
    private Directories() {
    }

    /**
     * {@link Files#createDirectories}, each directory it creates forced into its parent before the next is made in it.
     * A directory that exists already is left as it is (and not forced: it was made by someone else, or by this).
     *
     * @return {@code dir}
     * @throws FileAlreadyExistsException when {@code dir} exists and is not a directory (and another
     *                                    {@link IOException} when one of its parents is not)
     */
    public static Path create(Path dir) throws IOException {
        Path target = dir.toAbsolutePath();
        if (Files.isDirectory(target)) {
            return dir;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = target; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        if (missing.isEmpty()) {
            throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                // Made meanwhile by another thread or process; whether it forced its parent is not known.
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
            force(p.getParent());
        }
        return dir;
    }

    /**
     * Puts the directory's names (new files and directories, renames, removals) on the disk. Only where the file system
     * has POSIX modes: elsewhere (Windows, not a gateway's system) a directory cannot be opened to be forced.
     */
    public static void force(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
