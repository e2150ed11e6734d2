package org.orderly.gateway.field.modbus;

import java.util.Locale;
import java.util.Optional;

/** How a value is laid out in 16-bit registers. */
public enum DataType {
    INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2);

    private final int words;

    DataType(int words) {
        this.words = words;
    }

    /** Number of 16-bit registers the value occupies. */
    public int words() {
        return words;
    }

    /** Parses the YAML spelling ({@code int16}, {@code float32}, ...). */
    public static Optional<DataType> parse(String text) {
        for (DataType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
