package org.orderly.gateway.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file's content whole. After a crash or a power cut the file holds the old content or the new one, never
 * an empty or a half-written file, and once {@link #write} has returned the new content survives a power cut.
 *
 * <p>The content goes to {@code NAME.tmp} beside the file, is forced to the disk, and the temporary file is renamed
 * over the file; then the directory is forced, so the rename is on the disk too. Renaming alone is not enough: a file
 * system may put the rename on the disk before the data (ext4 with delayed allocation, XFS), and a power cut between
 * the two leaves an empty file under the name; or the rename itself may be lost after the change was reported done.
 * A directory it makes for the file is forced into its parent too ({@link Directories#create}).
 */
public final class AtomicFile {
    private static final String TMP = ".tmp";

    private AtomicFile() {
    }

    /**
     * Writes {@code content} as the whole of {@code file}, creating its directory if needed.
     *
     * @param ownerOnly whether only the gateway's user may read the file (mode 600, where the file system has modes)
     * @throws IOException naming the file; the file then holds its old content, or the new one when only forcing the
     *                     directory failed, and no temporary file is left. A caller that holds the content in memory
     *                     too writes its old content back, so that a restart does not find a change reported failed
     *                     ({@code web.auth.Accounts})
     */
    public static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve(target.getFileName() + TMP);
        try {
            Directories.create(dir);
            // One left by a crash is stale; made afresh, the new one is created with the mode asked for.
            Files.deleteIfExists(tmp);
            try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attributes(dir, ownerOnly))) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            renameForced(tmp, target);
        } catch (IOException e) {
            throw failed(file, tmp, e);
        }
    }

    /**
     * Puts a file that the caller wrote whole, too large to hold in memory, in place of {@code file}: forces
     * {@code written}'s data to the disk, renames it over {@code file} and forces the directory, as {@link #write}
     * does.
     *
     * @param written beside {@code file} (a rename does not cross file systems), closed
     * @throws IOException naming the file; the file then holds its old content, or the new one when only forcing the
     *                     directory failed, and {@code written} is removed
     */
    public static void moveIntoPlace(Path written, Path file) throws IOException {
        try {
            try (FileChannel data = FileChannel.open(written, StandardOpenOption.WRITE)) {
                data.force(true);
            }
            renameForced(written, file.toAbsolutePath());
        } catch (IOException e) {
            throw failed(file, written, e);
        }
    }

    private static void renameForced(Path forced, Path target) throws IOException {
        try {
            Files.move(forced, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(forced, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Directories.force(target.getParent());
    }

    private static IOException failed(Path file, Path tmp, IOException e) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException cleanup) {
            e.addSuppressed(cleanup);
        }
        return new IOException(file + ": cannot write (" + e + ")", e);
    }

    private static FileAttribute<?>[] attributes(Path dir, boolean ownerOnly) {
        if (!ownerOnly || !dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
