package org.orderly.tools.simulate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.orderly.text.json.TooSmallNumber;

/**
 * What Jackson found wrong with a scenario file, in one line without the file's name: where it is, as a JSON path
 * ({@code sessions[3].arrival}) and a line and column, and what is wrong, in the scenario's terms rather than
 * Jackson's.
 */
final class JsonProblems {
    private JsonProblems() {
    }

    /** One line (without the file name) for anything Jackson rejected. */
    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            // Jackson's path ends with the unknown key itself; name the object that holds it instead.
            String holder = pathOf(u.getPath().subList(0, Math.max(0, u.getPath().size() - 1)));
            String where = holder.isEmpty() ? "unknown top-level key" : holder + ": unknown key";
            return where + " " + Checks.quote(u.getPropertyName()) + at(u.getLocation()) + known(u);
        }
        if (e instanceof MismatchedInputException m) {
            return mismatch(m);
        }
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException inner) {
            return describe(inner); // a parse error that databind wrapped on its way out
        }
        Optional<TooSmallNumber> tiny = TooSmallNumber.of(e);
        if (tiny.isPresent()) {
            // valid JSON, so not said as invalid: the path, and the number as the gateway's readers say it
            String where = contextPath(e.getProcessor(), true);
            return (where.isEmpty() ? "top level" : where) + ": " + tiny.get().saidWithoutKey();
        }
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException || msg.startsWith("Unexpected end-of-input")) {
            String inside = contextPath(e.getProcessor(), false);
            return "not valid JSON: the file ends unexpectedly" + (inside.isEmpty() ? "" : " inside " + inside)
                    + "; is it truncated?" + at(e.getLocation());
        }
        String where = contextPath(e.getProcessor(), true);
        if (msg.startsWith("Duplicate field")) {
            return where + ": key appears more than once" + at(e.getLocation());
        }
        return "not valid JSON" + (where.isEmpty() ? "" : " near " + where) + ": " + cleanJackson(msg) + at(e.getLocation());
    }

    /** "sessions[3].arrival: expected a number, got "soon"", or the like, for a value of the wrong type. */
    private static String mismatch(MismatchedInputException e) {
        String path = pathOf(e.getPath());
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (msg.startsWith("Trailing token")) {
            return "not valid JSON: unexpected content after the end of the top-level object" + at(e.getLocation());
        }
        String got = found(e);
        return (path.isEmpty() ? "top level" : path) + ": expected " + simpleType(e.getTargetType())
                + (got == null ? "" : ", got " + got) + at(e.getLocation());
    }

    /** What the parser was looking at when a value had the wrong type, or null when unknown. */
    private static String found(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return null;
        }
        try {
            return switch (p.currentToken()) {
                case VALUE_STRING -> "\"" + Checks.shorten(p.getText(), 40) + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Checks.shorten(p.getText(), 40);
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "a list";
                default -> null;
            };
        } catch (IOException ex) {
            return null;
        }
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.toString();
    }

    /** The JSON path of where the parser stands, e.g. {@code sessions[1].arrival}; without the last step if asked. */
    static String contextPath(Object processor, boolean includeLast) {
        if (!(processor instanceof JsonParser p)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            } else {
                parts.add(0, "");
            }
        }
        if (!includeLast && !parts.isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (b.length() > 0 && !part.startsWith("[")) {
                b.append('.');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static String known(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        e.getKnownPropertyIds().forEach(o -> names.add(String.valueOf(o)));
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return "; known keys there: " + String.join(", ", names);
    }

    /** Jackson's own wording, minus its source descriptions and advice about Jackson features. */
    private static String cleanJackson(String msg) {
        String m = Checks.oneLine(msg);
        m = m.replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        m = m.replaceAll(":? *\\(?(?:enable|disable) `[^`]*`(?: to (?:allow|accept))?\\)?", "");
        m = m.replaceAll(" *\\(not recognized as one since Feature '[^']*' not enabled for parser\\)", "");
        m = m.replaceAll(", from `[^`]*`\\)", ")");
        return m.strip();
    }

    static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
