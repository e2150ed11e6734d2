package org.orderly.gateway.field.dlt645;

import java.util.Objects;

/**
 * A DL/T 645 meter's communication address: 12 decimal digits as printed on the nameplate (e.g.
 * {@code 000000123456}), sent as 6 BCD bytes lowest pair first. {@link #BROADCAST} (all {@code AA}) is the
 * wildcard a single meter on a line answers with its own address.
 */
public record MeterAddress(String digits) {
    public static final MeterAddress BROADCAST = new MeterAddress("AAAAAAAAAAAA");

    public MeterAddress {
        Objects.requireNonNull(digits, "digits");
        if (!digits.matches("[0-9]{12}") && !digits.equals("AAAAAAAAAAAA")) {
            throw new IllegalArgumentException("a DL/T 645 address is 12 decimal digits, e.g. 000000123456; was '" + digits + "'");
        }
    }

    /** Reads an address as an installer writes it: 12 digits, or fewer (padded with leading zeros). */
    public static MeterAddress parse(String text) {
        String t = text.strip();
        if (t.matches("[0-9]{1,12}")) {
            return new MeterAddress("0".repeat(12 - t.length()) + t);
        }
        return new MeterAddress(t.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean isBroadcast() {
        return this.equals(BROADCAST);
    }

    /** The 6 address bytes in wire order: the last two digits first. */
    public byte[] wireBytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            int pos = 10 - 2 * i;
            b[i] = (byte) Integer.parseInt(digits.substring(pos, pos + 2), 16);
        }
        return b;
    }

    /** The address in 6 wire bytes at {@code off}; the bytes must be BCD (or all AA). */
    public static MeterAddress fromWire(byte[] frame, int off) {
        StringBuilder s = new StringBuilder(12);
        for (int i = 5; i >= 0; i--) {
            s.append(String.format("%02X", frame[off + i] & 0xFF));
        }
        return new MeterAddress(s.toString());
    }

    @Override
    public String toString() {
        return digits;
    }
}
