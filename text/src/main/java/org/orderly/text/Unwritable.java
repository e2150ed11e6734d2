package org.orderly.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why the user who runs this may not write where the program must write (the gateway's store, the demo's data
 * directory), said with the user, the path that stops it and that path's mode and owner: a gateway run once with
 * {@code sudo} leaves root's files where the service's user then may not write, and Java's own words
 * ({@code java.nio.file.AccessDeniedException: F}, {@code permission denied}) name neither. Each caller puts it after
 * what it was doing and adds its own remedy. Root writes where no mode allows it, so root is never told this.
 */
public sealed interface Unwritable {

    /** The reason, a clause that begins with the user. */
    String text();

    /** The user who runs this. */
    String user();

    /** The path whose mode stops the user. */
    Path refusing();

    /** Its owner's name, or nothing when it cannot be read. */
    default String owner() {
        return FileOwnership.owner(refusing());
    }

    /** A file there, which the user may not write. */
    record File(String user, Path refusing) implements Unwritable {
        @Override
        public String text() {
            return "user " + user + ", who runs this, may not write " + refusing + FileOwnership.inParentheses(refusing);
        }
    }

    /** A directory there, in which the user may not make (or rename, or remove) files. */
    record Directory(String user, Path refusing) implements Unwritable {
        @Override
        public String text() {
            return "user " + user + ", who runs this, may not make files in " + refusing
                    + FileOwnership.inParentheses(refusing);
        }
    }

    /** A directory not there yet, which the user may not make in {@code refusing}, the nearest one above it. */
    record Above(String user, Path dir, Path refusing) implements Unwritable {
        @Override
        public String text() {
            return "user " + user + ", who runs this, may not make " + dir + " in " + refusing
                    + FileOwnership.inParentheses(refusing);
        }
    }

    /**
     * Whether the user may make files in {@code dir}, or make {@code dir} (and the directories above it that are not
     * there) first; empty when it may, or when what is in the way is no directory (the caller's own attempt then says
     * what it is).
     */
    static Optional<Unwritable> asDirectory(Path dir) {
        Path target = dir.toAbsolutePath();
        if (Files.isDirectory(target)) {
            return writable(target) || !byMode(target) ? Optional.empty()
                    : Optional.of(new Directory(FileOwnership.user(), target));
        }
        for (Path above = target.getParent(); above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                return !Files.isDirectory(above) || writable(above) || !byMode(above) ? Optional.empty()
                        : Optional.of(new Above(FileOwnership.user(), target, above));
            }
        }
        return Optional.empty();
    }

    /** Whether the user may write {@code file}; empty when it may, or when it is not there. */
    static Optional<Unwritable> asFile(Path file) {
        Path target = file.toAbsolutePath();
        return Files.exists(target) && !Files.isWritable(target) && byMode(target)
                ? Optional.of(new File(FileOwnership.user(), target)) : Optional.empty();
    }

    private static boolean writable(Path dir) {
        return Files.isWritable(dir) && Files.isExecutable(dir);
    }

    /**
     * Whether a refusal to write {@code path} is its mode's, this user's to be told: not root's (whom only a read-only
     * file system or an immutable file stops), nor on a file system mounted read-only, which the caller's own attempt
     * says in its words (the store's lock: "is its file system mounted read-only").
     */
    private static boolean byMode(Path path) {
        if ("root".equals(FileOwnership.user())) {
            return false;
        }
        try {
            return !Files.getFileStore(path).isReadOnly();
        } catch (IOException e) {
            return true;
        }
    }
}
