package org.orderly.gateway.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The common ways a hand-edited YAML file (the configuration, a register map) goes wrong, said in an installer's
 * words at the line to fix, in place of SnakeYAML's ({@code mapping values are not allowed here}, {@code expected
 * <block end>, but found '<block mapping start>'}): a tab in the indentation, a line indented further than a key that
 * already has a value, a line whose indentation lines up with no key or list item above it, a {@code ": "} inside an
 * unquoted value. Other mistakes (an unclosed {@code {} or {@code [}) are left to SnakeYAML's words, which name them
 * well enough.
 *
 * @param line   1-based line to fix
 * @param column 1-based column to fix
 * @param words  what is wrong and what to do
 */
public record YamlMistake(int line, int column, String words) {
    private static final String LEAD = "indentation does not line up: ";

    /** What {@code e} means in {@code text}, when it is one of the common mistakes. */
    public static Optional<YamlMistake> of(MarkedYAMLException e, String text) {
        Mark mark = e.getProblemMark();
        String problem = e.getProblem();
        if (mark == null || problem == null) {
            return Optional.empty();
        }
        List<String> lines = text.lines().toList();
        if (mark.getLine() >= lines.size()) {
            return Optional.empty();
        }
        String here = lines.get(mark.getLine());
        if (problem.contains("(TAB)")) {
            return Optional.of(new YamlMistake(mark.getLine() + 1, mark.getColumn() + 1,
                    "a tab in the indentation; YAML indents with spaces only: replace the tab with spaces, lining the"
                            + " line up with its neighbours"));
        }
        boolean mappingValue = problem.startsWith("mapping values are not allowed");
        if (mappingValue && colonBefore(here, mark.getColumn())) {
            return Optional.of(new YamlMistake(mark.getLine() + 1, mark.getColumn() + 1,
                    "a ': ' inside a value, which YAML reads as another key; put the whole value in quotes"));
        }
        if (!mappingValue && !problem.startsWith("expected <block end>")) {
            return Optional.empty();
        }
        int indent = indent(here);
        List<Place> above = openPlaces(lines, mark.getLine());
        if (above.isEmpty()) {
            return Optional.empty();
        }
        Place deepest = above.get(0);
        if (indent > deepest.column) {
            return Optional.of(new YamlMistake(mark.getLine() + 1, indent + 1, LEAD + "this line starts at column "
                    + (indent + 1) + ", further in than " + deepest + " above it, which already has a value; start it at"
                    + " column " + (deepest.column + 1) + " to sit beside it"));
        }
        for (int i = 1; i < above.size(); i++) {
            Place outer = above.get(i);
            Place inner = above.get(i - 1);
            if (outer.column < indent && indent < inner.column) {
                return Optional.of(new YamlMistake(mark.getLine() + 1, indent + 1, LEAD + "this line starts at column "
                        + (indent + 1) + ", between " + outer + " and " + inner + " above it; start it at the column of"
                        + " the key or list item it belongs beside"));
            }
        }
        return Optional.empty();
    }

    /**
     * Where a line could line up, from the nearest up: the first column of each line above that is further out than
     * the ones after it (and, on a list item's line, its value's column too), up to one at column 1.
     */
    private static List<Place> openPlaces(List<String> lines, int before) {
        List<Place> places = new ArrayList<>();
        int limit = Integer.MAX_VALUE;
        for (int n = before - 1; n >= 0 && limit > 0; n--) {
            String line = lines.get(n);
            int start = indent(line);
            if (start >= line.length() || line.charAt(start) == '#' || start >= limit) {
                continue;
            }
            if (line.startsWith("- ", start)) {
                int value = indent(line.substring(start + 1)) + start + 1;
                if (value < line.length() && value < limit) {
                    places.add(new Place(n, value, word(line, value)));
                }
                places.add(new Place(n, start, "the list item"));
            } else {
                places.add(new Place(n, start, word(line, start)));
            }
            limit = start;
        }
        return places;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The key (or value) starting at {@code column}, quoted. */
    private static String word(String line, int column) {
        int end = column;
        while (end < line.length() && line.charAt(end) != ':' && line.charAt(end) != ' ') {
            end++;
        }
        return "'" + line.substring(column, end) + "'";
    }

    /** Whether a key's {@code ": "} comes before {@code column} on the line: then the one at column is inside a value. */
    private static boolean colonBefore(String line, int column) {
        int colon = line.indexOf(": ");
        return colon >= 0 && colon < column;
    }

    /** A line's column something may line up with, and what stands there. */
    private record Place(int line, int column, String what) {
        @Override
        public String toString() {
            return what + " (line " + (line + 1) + ", column " + (column + 1) + ")";
        }
    }
}
