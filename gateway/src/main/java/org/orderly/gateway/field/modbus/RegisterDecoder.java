package org.orderly.gateway.field.modbus;

/** Pure functions from register words to values. Words are unsigned 16-bit, as read off the wire. */
public final class RegisterDecoder {

    private RegisterDecoder() {
    }

    /** The value of {@code point}, whose first word is {@code words[offset]}, in the point's unit. */
    public static double decode(int[] words, int offset, RegisterPoint point) {
        return raw(words, offset, point.type(), point.order()) * point.scale();
    }

    /** The unscaled value of a {@code type} starting at {@code words[offset]}. */
    public static double raw(int[] words, int offset, DataType type, WordOrder order) {
        if (offset < 0 || offset + type.words() > words.length) {
            throw new IllegalArgumentException(
                    type + " at word " + offset + " does not fit in " + words.length + " words");
        }
        return switch (type) {
            case UINT16 -> words[offset] & 0xFFFF;
            case INT16 -> (short) words[offset];
            case UINT32 -> Integer.toUnsignedLong(bits32(words, offset, order));
            case INT32 -> bits32(words, offset, order);
            case FLOAT32 -> Float.intBitsToFloat(bits32(words, offset, order));
        };
    }

    private static int bits32(int[] words, int offset, WordOrder order) {
        int first = words[offset] & 0xFFFF;
        int second = words[offset + 1] & 0xFFFF;
        return switch (order) {
            case BIG -> first << 16 | second;
            case LITTLE -> second << 16 | first;
        };
    }
}
