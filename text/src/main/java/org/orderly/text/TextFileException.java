package org.orderly.text;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Why a file could not be read as text ({@link TextFile}): its message is one line, {@code FILE:LINE:COLUMN: the file
 * is not UTF-8 text (byte 0xB1 here); save it as UTF-8} (or {@code FILE: is a directory, not a file} where there is
 * no place in it); {@link #fault} the same to follow a caller's own words about the file.
 */
public final class TextFileException extends IOException {
    /** Where {@code fault} says the place: "here" after {@code FILE:LINE:COLUMN}, else the line and column. */
    static final String PLACE = "{place}";
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final int line;
    private final int column;
    private final String fault;

    TextFileException(Path file, int line, int column, String fault, IOException cause) {
        super(line > 0 ? file + ":" + line + ":" + column + ": the file " + fault.replace(PLACE, "here")
                : file + ": " + fault, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.fault = fault;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * What is wrong, with the place in the file when there is one: {@code is not UTF-8 text (byte 0xB1 at line 2,
     * column 3); save it as UTF-8}.
     */
    public String fault() {
        return fault.replace(PLACE, "at line " + line + ", column " + column);
    }
}
