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

    void at(Node node, String message) {
        at(node == null ? null : node.getStartMark(), message);
    }

    void at(Mark mark, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        entries.add(new Entry(line, column, file + ":" + line + ":" + column + ": " + prefix + message.replaceAll("[\\r\\n]+", " ")));
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
