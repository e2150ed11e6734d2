package org.orderly.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A path's mode and owner as {@code ls -l} shows them, {@code rwxr-x--- root:orderly}: what a user refused a file or a
 * directory needs to see whose it is. Read where it can be; a file system without POSIX modes, or a path whose
 * attributes cannot be read, gives nothing.
 */
final class FileOwnership {
    private FileOwnership() {
    }

    /** {@code rwxr-x--- root:orderly}, or nothing when it cannot be read. */
    static String described(Path path) {
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
            return PosixFilePermissions.toString(a.permissions()) + " " + a.owner().getName() + ":" + a.group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** {@code  (rwxr-x--- root:orderly)} to put after the path, or nothing when it cannot be read. */
    static String inParentheses(Path path) {
        String described = described(path);
        return described.isEmpty() ? "" : " (" + described + ")";
    }

    /** The name of {@code path}'s owner, or nothing when it cannot be read. */
    static String owner(Path path) {
        try {
            return Files.getOwner(path).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** The user who runs this program. */
    static String user() {
        return System.getProperty("user.name");
    }
}
