package org.orderly.gateway.field.modbus;

import java.util.Optional;

/**
 * Order of the 16-bit words in a 32-bit value. Bytes inside a word are always big-endian, as
 * Modbus transmits them. {@code BIG}: high word first (ABCD); {@code LITTLE}: low word first (CDAB).
 */
public enum WordOrder {
    BIG, LITTLE;

    /** Parses the YAML spelling ({@code big} or {@code little}). */
    public static Optional<WordOrder> parse(String text) {
        return switch (text) {
            case "big" -> Optional.of(BIG);
            case "little" -> Optional.of(LITTLE);
            default -> Optional.empty();
        };
    }
}
