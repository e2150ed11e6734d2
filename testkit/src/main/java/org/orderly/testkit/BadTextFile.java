package org.orderly.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file read as text that is not, of each kind {@code org.orderly.text.TextFile} tells, and the words of its one line
 * about it: Latin-1 bytes, a zero byte (a binary file), a directory, a link that loops. Made by the tests of each
 * reader that goes through TextFile, so that every one is tried with the same bad files.
 */
public enum BadTextFile {
    LATIN1("is not UTF-8 text (byte 0xE9 "),
    BINARY("holds a zero byte "),
    DIRECTORY("is a directory, not a file"),
    LOOP("cannot be reached (Too many levels of symbolic links");

    /** What the line about it says. */
    public final String said;

    BadTextFile(String said) {
        this.said = said;
    }

    /** Makes {@code file} (which must not exist) bad in this way; a file made is readable by its owner only. */
    public Path make(Path file) throws IOException {
        switch (this) {
            case LATIN1 -> Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
            case BINARY -> Files.write(file, new byte[] {'a', 'b', 0, 'c', '\n'});
            case DIRECTORY -> Files.createDirectory(file);
            case LOOP -> {
                Path other = file.resolveSibling(file.getFileName() + ".other");
                Files.createSymbolicLink(other, file.getFileName());
                Files.createSymbolicLink(file, other.getFileName());
            }
        }
        if (Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /**
     * Makes the existing {@code file} bad in this way in place, as an installer's mistake does to a file already read:
     * its content replaced, or the file replaced by a directory or a link that loops.
     */
    public Path replace(Path file) throws IOException {
        if (this == LATIN1 || this == BINARY) {
            Path made = make(file.resolveSibling(file.getFileName() + ".bad"));
            return Files.move(made, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(file);
        return make(file);
    }
}
