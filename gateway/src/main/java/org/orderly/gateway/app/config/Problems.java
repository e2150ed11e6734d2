package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects problems as one-line {@code file:line:column: message} strings (line and column 1-based); or, made by
 * {@link #warnings}, warnings as {@code file:line:column: warning: message}, which do not make a file invalid.
 */
final class Problems {
    private final String file;
    private final String prefix;
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(int line, int column, String text) {
    }

    Problems(String file) {
        this(file, "");
    }

    private Problems(String file, String prefix) {
        this.file = file;
        this.prefix = prefix;
    }

    /** Collects warnings: what is accepted but should be known (a compound may accept it knowingly). */
    static Problems warnings(String file) {
        return new Problems(file, "warning: ");
    }

    int at(Node node, String message) {
        return at(node == null ? null : node.getStartMark(), message);
    }

    /** Adds a problem; returns its index, for {@link #reword}. */
    int at(Mark mark, String message) {
        return at(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1, message);
    }

    /** Adds a problem at a 1-based {@code line} and {@code column}; returns its index. */
    int at(int line, int column, String message) {
        entries.add(new Entry(line, column, text(line, column, message)));
        return entries.size() - 1;
    }

    /**
     * Adds a problem in another file the configuration names (a register map), at its {@code line} and {@code column}
     * there; it is ordered among this file's where the configuration names that file ({@code namedAt}).
     */
    void in(String otherFile, int line, int column, Node namedAt, String message) {
        Mark mark = namedAt == null ? null : namedAt.getStartMark();
        entries.add(new Entry(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                otherFile + ":" + line + ":" + column + ": " + prefix + message.replaceAll("[\\r\\n]+", " ")));
    }

    /** Says problem {@code index} (from {@link #at}) in other words, at the same place: once more is known. */
    void reword(int index, String message) {
        Entry e = entries.get(index);
        entries.set(index, new Entry(e.line(), e.column(), text(e.line(), e.column(), message)));
    }

    private String text(int line, int column, String message) {
        return file + ":" + line + ":" + column + ": " + prefix + message.replaceAll("[\\r\\n]+", " ");
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int count() {
        return entries.size();
    }

    /** The problems in file order (by line, then column). */
    List<String> lines() {
        return entries.stream().sorted(Comparator.comparingInt(Entry::line).thenComparingInt(Entry::column))
                .map(Entry::text).toList();
    }

    void throwIfAny() throws ConfigException {
        if (!entries.isEmpty()) {
            throw new ConfigException(lines());
        }
    }
}
