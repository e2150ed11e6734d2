package org.orderly.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes read as UTF-8 text, or where they stop being UTF-8: Java's {@code new String(bytes, UTF_8)} makes each bad
 * byte U+FFFD without a word, so that two different texts (a Latin-1 {@code ä} and {@code ö}) read the same.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** Thrown at the first byte that is not UTF-8: the text before it, and the byte. */
    public static final class Malformed extends Exception {
        private final String before;
        private final int badByte;

        Malformed(String before, int badByte) {
            super(String.format("byte 0x%02X is not UTF-8", badByte), null, false, false);
            this.before = before;
            this.badByte = badByte;
        }

        /** The text read before the bad byte. */
        public String before() {
            return before;
        }

        /** {@code E9}: the bad byte in two hex digits. */
        public String hex() {
            return String.format("%02X", badByte);
        }
    }

    public static String decode(byte[] bytes) throws Malformed {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            throw new Malformed(text, bytes[in.position()] & 0xff);
        }
        return text;
    }
}
