package org.orderly.text;

/**
 * Someone else's text (a name typed into the page, a query, a value in the configuration file) made fit for one line of
 * a log or an error: a control character or a line separator is written as {@code \\uXXXX}, so the text cannot start
 * a line of its own.
 */
public final class OneLine {
    private OneLine() {
    }

    /**
     * The first {@code max} characters of {@code text}, on one line ({@link #of}), with {@code ...} when there was
     * more: someone else's text said back in a refusal or a log line, which must not be as long as they chose to make
     * it.
     */
    public static String head(String text, int max) {
        return text.length() <= max ? of(text) : of(text.substring(0, cutAt(text, max))) + "...";
    }

    /**
     * Where to cut {@code text} for its first {@code max} characters: one sooner where the cut would split a character
     * beyond the BMP (an emoji, a rare CJK character), whose half written as UTF-8 is a {@code ?}, not what was sent.
     */
    public static int cutAt(String text, int max) {
        return max > 0 && max < text.length() && Character.isHighSurrogate(text.charAt(max - 1))
                && Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
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
