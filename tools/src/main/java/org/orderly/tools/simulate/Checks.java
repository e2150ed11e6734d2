package org.orderly.tools.simulate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.orderly.gateway.core.model.Compound;

/**
 * The checks that every part of a scenario file makes of its values, and how a problem is put: a
 * {@link ScenarioException} whose one line names the file, the path of the offending key ({@code sessions[3].arrival})
 * and what is wrong.
 */
final class Checks {
    private final String file;

    Checks(String file) {
        this.file = file;
    }

    ScenarioException fail(String what) {
        return new ScenarioException(escapeControls(file + ": " + what));
    }

    <T> T require(T value, String where) throws ScenarioException {
        if (value == null) {
            throw fail(where + ": missing");
        }
        return value;
    }

    double nonNegative(double v, String where) throws ScenarioException {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw fail(where + ": must be a finite number >= 0, got " + v);
        }
        return v;
    }

    double positive(double v, String where) throws ScenarioException {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw fail(where + ": must be a finite number > 0, got " + v);
        }
        return v;
    }

    /** An ISO-8601 time with an offset, as every time in the file is written. */
    Instant time(String text, String where) throws ScenarioException {
        require(text, where);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw fail(where + ": cannot read " + quote(text) + " as an ISO-8601 time with offset");
        }
    }

    /** The index of the pile that a session or a history entry names. */
    int pileIndex(Compound compound, String id, String where) throws ScenarioException {
        int i = compound.indexOf(id);
        if (i < 0) {
            throw fail(where + ": unknown pile " + quote(id));
        }
        return i;
    }

    /** A value from the file, in single quotes, shortened when long. */
    static String quote(String s) {
        return s == null ? "null" : "'" + shorten(s, 60) + "'";
    }

    /** The text, or its start and "..." when longer than {@code max}. */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** Control and line-break characters escaped, so that a message is always exactly one line. */
    static String escapeControls(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Another's message (an I/O error's, Jackson's) on one line: a line break and the blanks about it, a space. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
