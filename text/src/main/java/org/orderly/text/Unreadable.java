package org.orderly.text;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Why a file or directory someone named (in the configuration, on the command line) cannot be read, said so that they
 * know what to do: create it, name a file rather than a directory, or let the user who runs the program read it or
 * reach it. One wording for the gateway's configuration, the orderly command's options and the Kura bundle's form;
 * each caller puts it after the path ({@code --ca /etc/ca.pem: no such file}) and may add its own remedy.
 */
public sealed interface Unreadable {

    /** The reason, after the path and a colon. */
    String text();

    /** Nothing is there. {@code kind}: {@code file}, {@code directory of register maps}. */
    record Missing(String kind) implements Unreadable {
        @Override
        public String text() {
            return "no such " + kind;
        }
    }

    /** A directory where a file was wanted, or the other way round. */
    record WrongKind(String text) implements Unreadable {
    }

    /** It is there, and the user who runs this may not read it (or list it, a directory). */
    record Denied(String user) implements Unreadable {
        @Override
        public String text() {
            return "cannot be read by user " + user + ", who runs this (permission denied)";
        }
    }

    /**
     * A directory above it may not be entered by the user who runs this ({@code /etc/orderly}, 750 root:orderly, from
     * the .deb), which {@link Files#exists} does not tell from a missing file: said as such, not as missing.
     * {@code described}: {@code , rwxr-x--- root:orderly}, or nothing when the directory's attributes cannot be read.
     */
    record AboveNotEntered(String user, Path dir, String described) implements Unreadable {
        @Override
        public String text() {
            return "cannot be read (permission denied: user " + user + ", who runs this, may not enter " + dir + described
                    + ")";
        }
    }

    /** Neither there nor known not to be: the file system's reason. */
    record Unreachable(String reason) implements Unreadable {
        @Override
        public String text() {
            return "cannot be reached (" + reason + ")";
        }
    }

    /** What is wrong with {@code path} as a file to read; empty when nothing is. */
    static Optional<Unreadable> asFile(Path path) {
        if (!Files.exists(path)) {
            return Optional.of(unreachable(path).orElse(new Missing("file")));
        }
        if (Files.isDirectory(path)) {
            return Optional.of(new WrongKind("is a directory, not a file"));
        }
        if (!Files.isReadable(path)) {
            return Optional.of(new Denied(user()));
        }
        return Optional.empty();
    }

    /** What is wrong with {@code path} as a directory of {@code what} to list; empty when nothing is. */
    static Optional<Unreadable> asDirectory(Path path, String what) {
        if (!Files.exists(path)) {
            return Optional.of(unreachable(path).orElse(new Missing("directory of " + what)));
        }
        if (!Files.isDirectory(path)) {
            return Optional.of(new WrongKind("is a file, not a directory of " + what));
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            return Optional.of(new Denied(user()));
        }
        return Optional.empty();
    }

    /** Why a path that does not show as existing cannot be looked at; empty when it is known not to be there. */
    private static Optional<Unreadable> unreachable(Path path) {
        if (Files.notExists(path)) {
            return Optional.empty();
        }
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir)) {
                if (!Files.isExecutable(dir)) {
                    String described = FileOwnership.described(dir);
                    return Optional.of(new AboveNotEntered(user(), dir, described.isEmpty() ? "" : ", " + described));
                }
                break;
            }
        }
        try {
            Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.empty();
        } catch (FileSystemException e) {
            return Optional.of(new Unreachable(e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
        } catch (IOException e) {
            return Optional.of(new Unreachable(e.getMessage()));
        }
    }

    private static String user() {
        return FileOwnership.user();
    }
}
