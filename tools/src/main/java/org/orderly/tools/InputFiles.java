package org.orderly.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Files and directories named on the command line, checked before anything is opened with them: one that is missing,
 * of the wrong kind or unreadable is bad input, said as {@code OPTION PATH: what} ({@link IllegalArgumentException}:
 * one line, exit 2), not as the text of whichever Java exception reading it would raise.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** {@code path} when it is a file this process can read. */
    public static Path readableFile(String option, Path path) {
        fileProblem(path).ifPresent(p -> {
            throw bad(option, path, p);
        });
        return path;
    }

    /** What is wrong with {@code path} as a file to read; empty when nothing is. */
    public static Optional<String> fileProblem(Path path) {
        if (!Files.exists(path)) {
            return Optional.of(unreachable(path).orElse("no such file"));
        }
        if (Files.isDirectory(path)) {
            return Optional.of("is a directory, not a file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("cannot be read (permission denied)");
        }
        return Optional.empty();
    }

    /**
     * The UTF-8 text of a file that must hold some (a key), without surrounding whitespace (an editor's final
     * newline is not part of a key).
     */
    public static String text(String option, Path path) throws IOException {
        readableFile(option, path);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException(option + " " + path + ": cannot be read: " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            throw bad(option, path, "is empty");
        }
        return text;
    }

    /** {@code path} when it is a directory this process can list; {@code what} says what it should hold. */
    public static Path readableDirectory(String option, Path path, String what) {
        directoryProblem(path, what).ifPresent(p -> {
            throw bad(option, path, p);
        });
        return path;
    }

    /** What is wrong with {@code path} as a directory of {@code what}; empty when nothing is. */
    public static Optional<String> directoryProblem(Path path, String what) {
        if (!Files.exists(path)) {
            return Optional.of(unreachable(path).orElse("no such directory of " + what));
        }
        if (!Files.isDirectory(path)) {
            return Optional.of("is a file, not a directory of " + what);
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            return Optional.of("directory of " + what + " cannot be read (permission denied)");
        }
        return Optional.empty();
    }

    /**
     * Why a path that does not show as existing cannot be looked at, when it may be there: a directory above it this user
     * may not enter ({@code /etc/orderly}, 750 root:orderly, from the .deb), which {@link Files#exists} does not tell
     * from a missing file. Empty when the path is known not to be there.
     */
    private static Optional<String> unreachable(Path path) {
        if (Files.notExists(path)) {
            return Optional.empty();
        }
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir)) {
                if (!Files.isExecutable(dir)) {
                    return Optional.of("cannot be read (permission denied: this user may not enter " + dir + describe(dir)
                            + "; run the command with sudo, or as a user that directory lets in)");
                }
                break;
            }
        }
        try {
            Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.empty();
        } catch (FileSystemException e) {
            return Optional.of("cannot be reached (" + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ")");
        } catch (IOException e) {
            return Optional.of("cannot be reached (" + e.getMessage() + ")");
        }
    }

    /** {@code , rwxr-x--- root:orderly}, or nothing when the directory's attributes cannot be read either. */
    private static String describe(Path dir) {
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
            return ", " + PosixFilePermissions.toString(a.permissions()) + " " + a.owner().getName() + ":" + a.group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static IllegalArgumentException bad(String option, Path path, String problem) {
        return new IllegalArgumentException(option + " " + path + ": " + problem);
    }
}
