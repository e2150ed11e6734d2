package org.orderly.text.json;

/**
 * Tells a UTF-16 or UTF-32 file from a UTF-8 one by its first bytes, as Jackson does before it reads (and as
 * RFC 4627 section 3 described): a JSON text starts with ASCII, so zero bytes among the first four, or a UTF-16 or
 * UTF-32 byte order mark, mean wider code units. JSON exchanged between systems must be UTF-8 (RFC 8259, section
 * 8.1); a UTF-8 byte order mark is allowed, as that section lets a parser ignore it. Bytes that are not valid UTF-8
 * further in are Jackson's to find, with their line and column. Jackson itself reads UTF-16 and UTF-32 without a word,
 * so a reader that must keep to UTF-8 (a scenario file, an MQTT command) asks here first.
 */
public final class Utf8Only {
    private Utf8Only() {
    }

    /** Null when the bytes may be UTF-8, else what the file starts with instead ("like UTF-16LE text"). */
    public static String otherEncoding(byte[] b) {
        if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return "with a UTF-32BE byte order mark";
        }
        if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return "with a UTF-32LE byte order mark";
        }
        if (starts(b, 0xFE, 0xFF)) {
            return "with a UTF-16BE byte order mark";
        }
        if (starts(b, 0xFF, 0xFE)) {
            return "with a UTF-16LE byte order mark";
        }
        if (starts(b, 0x00, 0x00, 0x00)) {
            return "like UTF-32BE text";
        }
        if (b.length >= 4 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
            return "like UTF-32LE text";
        }
        if (b.length >= 2 && b[0] == 0) {
            return "like UTF-16BE text";
        }
        if (b.length >= 2 && b[1] == 0) {
            return "like UTF-16LE text";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
