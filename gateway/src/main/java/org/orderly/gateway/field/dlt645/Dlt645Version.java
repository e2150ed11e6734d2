package org.orderly.gateway.field.dlt645;

import java.util.Arrays;
import java.util.Optional;

/**
 * The edition of DL/T 645 a meter speaks. Both frame alike ({@link Frame}: 68, address, 68, control, length, data +0x33,
 * sum, 16, the same control bits); they differ in the read's function code (2007 {@code 11}, 1997 {@code 01}), in the
 * identifier's length (2007 four bytes, 1997 two), in their tables of identifiers and formats ({@link DataId}) and in
 * what the error byte's bits say. Older transformer-room meters (before about 2009) speak 1997.
 */
public enum Dlt645Version {
    V2007("2007", 0x11, 4, new String[] {"other error", "no such data (the meter does not know this identifier)",
        "password/authority error", "baud rate cannot be changed", "too many annual time zones", "too many daily periods",
        "too many tariffs", "reserved bit 7"}),
    // DL/T 645-1997's error byte: bit 1 is "data identifier error", the meter's word for an identifier it does not have,
    // so MeterRefusal's "no such data" holds for both editions.
    V1997("1997", 0x01, 2, new String[] {"illegal data", "no such data (data identifier error: the meter does not know"
        + " this identifier)", "password error", "reserved bit 3", "too many annual time zones", "too many daily periods",
        "too many tariffs", "reserved bit 7"});

    private final String text;
    private final int readData;
    private final int idBytes;
    private final String[] errorBits;

    Dlt645Version(String text, int readData, int idBytes, String[] errorBits) {
        this.text = text;
        this.readData = readData;
        this.idBytes = idBytes;
        this.errorBits = errorBits;
    }

    /** The edition as the configuration writes it: {@code 2007} or {@code 1997}. */
    public String text() {
        return text;
    }

    /** The master's "read data" function code: {@code 11} in 2007, {@code 01} in 1997. */
    public int readData() {
        return readData;
    }

    /** How many bytes a data identifier takes: 4 in 2007, 2 in 1997. */
    public int idBytes() {
        return idBytes;
    }

    /** The edition written {@code text}, if it is one. */
    public static Optional<Dlt645Version> of(String text) {
        return Arrays.stream(values()).filter(v -> v.text.equals(text)).findFirst();
    }

    /** The meter's error byte (the standard's "ERR" bits), spelled out for a message. */
    public String describeError(int err) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if ((err & (1 << i)) != 0) {
                s.append(s.length() == 0 ? "" : ", ").append(errorBits[i]);
            }
        }
        return String.format("error byte %02X: %s", err, s.length() == 0 ? "no bit set" : s);
    }

    @Override
    public String toString() {
        return "DL/T 645-" + text;
    }
}
