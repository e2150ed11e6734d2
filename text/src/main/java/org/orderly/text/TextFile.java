package org.orderly.text;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file someone wrote (the configuration, a register map, a key, a token, a scenario) read as UTF-8 text, or one
 * line saying what is wrong with it and where: a directory, missing or not to be read ({@link Unreadable}), a link
 * that loops, bytes that are not UTF-8 (an editor set to GBK or Latin-1, at their line and column) or a zero byte (a
 * binary file). Java's own words for these are "Input length = 1" and "Is a directory", which name neither.
 * Whether an empty file will do is the caller's to say.
 */
public final class TextFile {
    private TextFile() {
    }

    /** The text of {@code file}, a leading UTF-8 byte order mark included as written. */
    public static String read(Path file) throws TextFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TextFileException(file, 0, 0, Unreadable.asFile(file).map(Unreadable::text)
                    .orElseGet(() -> "cannot be read (" + reason(e) + ")"), e);
        }
        return utf8(file, bytes);
    }

    /**
     * As {@link #read}, or empty when nothing is at {@code file}: a file kept by the program itself (a mark, a count,
     * saved settings) whose absence means none was kept. The path is looked at as it is, not followed, so a link that
     * loops or dangles is there and said as {@link #read} says it, never taken for no file; a path through something
     * that is no directory has nothing at it.
     */
    public static Optional<String> ifThere(Path file) throws TextFileException {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(read(file)) : Optional.empty();
    }

    /** As {@link #read}, without surrounding whitespace: a key's or a token's file, whose editor adds a newline. */
    public static String stripped(Path file) throws TextFileException {
        return read(file).strip();
    }

    /** {@code bytes}, read from {@code file}, as text; refused as {@link #read} says. */
    public static String utf8(Path file, byte[] bytes) throws TextFileException {
        String text;
        try {
            text = StrictUtf8.decode(bytes);
        } catch (StrictUtf8.Malformed e) {
            throw at(file, e.before(), e.before().length(), "is not UTF-8 text (byte 0x" + e.hex() + " "
                    + TextFileException.PLACE + "); save it as UTF-8");
        }
        int zero = text.indexOf('\0');
        if (zero >= 0) {
            throw at(file, text, zero, "holds a zero byte " + TextFileException.PLACE
                    + ", as a binary file (or UTF-16 text) does; it should be UTF-8 text");
        }
        return text;
    }

    private static TextFileException at(Path file, String text, int index, String fault) {
        String before = text.substring(0, index);
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = before.length() - before.lastIndexOf('\n');
        return new TextFileException(file, line, column, fault, null);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return OneLine.of(String.valueOf(e.getMessage()));
    }
}
