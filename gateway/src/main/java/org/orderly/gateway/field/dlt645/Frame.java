package org.orderly.gateway.field.dlt645;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One DL/T 645-2007 frame: {@code 68 A0..A5 68 C L D0..DL-1 CS 16}. {@code data} is held as meant (the
 * wire adds 0x33 to each byte); {@code CS} is the sum modulo 256 of every byte from the first 68 up to the
 * last data byte.
 */
public record Frame(MeterAddress address, int control, byte[] data) {
    /** The wake-up bytes a master sends before a frame so the receiver's UART settles. */
    public static final byte[] PREAMBLE = {(byte) 0xFE, (byte) 0xFE, (byte) 0xFE, (byte) 0xFE};
    public static final int START = 0x68;
    public static final int END = 0x16;
    /** Largest data field a frame can carry (the length is one byte); 2007 meters use at most 200. */
    public static final int MAX_DATA = 255;

    public Frame {
        Objects.requireNonNull(address, "address");
        if (control < 0 || control > 0xFF) {
            throw new IllegalArgumentException("control code " + control + " is not a byte");
        }
        data = data.clone();
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("data field of " + data.length + " bytes; at most " + MAX_DATA);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The frame as sent by a master: preamble, then {@link #bytes()}. */
    public byte[] withPreamble() {
        byte[] f = bytes();
        byte[] out = Arrays.copyOf(PREAMBLE, PREAMBLE.length + f.length);
        System.arraycopy(f, 0, out, PREAMBLE.length, f.length);
        return out;
    }

    /** The frame from the first 68 to the closing 16. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(12 + data.length);
        out.write(START);
        out.writeBytes(address.wireBytes());
        out.write(START);
        out.write(control);
        out.write(data.length);
        for (byte b : data) {
            out.write((b + 0x33) & 0xFF);
        }
        byte[] body = out.toByteArray();
        out.write(checksum(body, 0, body.length));
        out.write(END);
        return out.toByteArray();
    }

    /** Sum of {@code len} bytes from {@code off}, modulo 256. */
    public static int checksum(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += b[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.address.equals(address) && f.control == control && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, control, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Frame[" + address + " C=" + String.format("%02X", control) + " data=" + HexFormat.ofDelimiter(" ").formatHex(data) + "]";
    }
}
