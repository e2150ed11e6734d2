package org.orderly.text;

/**
 * Someone else's text said back in a refusal or its log line (a query, a key, a value, an id), cut short and on one
 * line ({@link OneLine#head}), since it is as long as they chose to make it and may hold a line break. Two lengths,
 * each the one its reference doc promises: {@value #MAX} characters from the local page, the firmware-bridge and a
 * reader of a peer's JSON (docs/web.md, docs/firmware-bridge.md); {@value #COMMAND_MAX} from an upstream command's
 * rejection, which the platform's operator reads and the v1 contract fixes (docs/upstream.md).
 */
public final class SaidBack {
    /** What of a client's or a peer's text a refusal says back. */
    public static final int MAX = 40;
    /** What of an upstream command's own text its rejection says back (the reply's reason, the WARN). */
    public static final int COMMAND_MAX = 80;

    private SaidBack() {
    }

    /** The first {@value #MAX} characters of {@code text}, on one line, with {@code ...} when there was more. */
    public static String of(String text) {
        return OneLine.head(text, MAX);
    }

    /** The first {@value #COMMAND_MAX} characters of a command's {@code text}, on one line, with {@code ...} after. */
    public static String ofCommand(String text) {
        return OneLine.head(text, COMMAND_MAX);
    }
}
