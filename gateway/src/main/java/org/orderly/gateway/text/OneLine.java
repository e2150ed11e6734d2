package org.orderly.gateway.text;

/**
 * Someone else's text (a name typed into the page, a query, a value in the configuration file) made fit for one line of
 * a log or an error: a control character or a line separator is written as {@code \\uXXXX}, so the text cannot start
 * a line of its own.
 */
public final class OneLine {
    private OneLine() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
