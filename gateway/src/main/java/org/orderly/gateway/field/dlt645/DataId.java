package org.orderly.gateway.field.dlt645;

import java.util.Arrays;
import java.util.Optional;

/**
 * The DL/T 645-2007 data identifiers (DI3 DI2 DI1 DI0, sent DI0 first) Orderly reads, each with the quantity
 * name the Modbus register maps use and its format from the standard's Appendix A data tables: a value of
 * {@code bytes} BCD bytes (lowest first) with {@code decimals} digits after the point; for {@code signed}
 * values the top bit of the highest byte is the sign (power and current flow backwards when set).
 */
public enum DataId {
    ENERGY_IMPORT(0x00010000, "energy.import.kwh", 4, 2, false),   // (当前)正向有功总电能 XXXXXX.XX kWh
    ENERGY_EXPORT(0x00020000, "energy.export.kwh", 4, 2, false),   // (当前)反向有功总电能
    ENERGY_IMPORT_A(0x00150000, "energy.import.a.kwh", 4, 2, false), // (当前)A相正向有功电能
    ENERGY_IMPORT_B(0x00290000, "energy.import.b.kwh", 4, 2, false), // B相正向有功电能
    ENERGY_IMPORT_C(0x003D0000, "energy.import.c.kwh", 4, 2, false), // C相正向有功电能
    VOLTAGE_A(0x02010100, "voltage.a.v", 2, 1, false),               // A相电压 XXX.X V
    VOLTAGE_B(0x02010200, "voltage.b.v", 2, 1, false),
    VOLTAGE_C(0x02010300, "voltage.c.v", 2, 1, false),
    CURRENT_A(0x02020100, "current.a.a", 3, 3, true),                // A相电流 XXX.XXX A
    CURRENT_B(0x02020200, "current.b.a", 3, 3, true),
    CURRENT_C(0x02020300, "current.c.a", 3, 3, true),
    POWER_TOTAL(0x02030000, "power.total.kw", 3, 4, true),           // 瞬时总有功功率 XX.XXXX kW
    POWER_A(0x02030100, "power.a.kw", 3, 4, true),
    POWER_B(0x02030200, "power.b.kw", 3, 4, true),
    POWER_C(0x02030300, "power.c.kw", 3, 4, true),
    FREQUENCY(0x02800002, "frequency.hz", 2, 2, false);              // 电网频率 XX.XX Hz

    private final int id;
    private final String quantity;
    private final int bytes;
    private final int decimals;
    private final boolean signed;

    DataId(int id, String quantity, int bytes, int decimals, boolean signed) {
        this.id = id;
        this.quantity = quantity;
        this.bytes = bytes;
        this.decimals = decimals;
        this.signed = signed;
    }

    public int id() {
        return id;
    }

    public String quantity() {
        return quantity;
    }

    public int bytes() {
        return bytes;
    }

    public static Optional<DataId> ofQuantity(String quantity) {
        return Arrays.stream(values()).filter(d -> d.quantity.equals(quantity)).findFirst();
    }

    /** The 4 identifier bytes in wire order (DI0 first), as meant (before +0x33). */
    public byte[] wireBytes() {
        return new byte[] {(byte) id, (byte) (id >>> 8), (byte) (id >>> 16), (byte) (id >>> 24)};
    }

    /**
     * Decodes this identifier's value from {@code bytes()} bytes at {@code off} (lowest byte first).
     *
     * @throws IllegalArgumentException when a nibble is not a decimal digit
     */
    public double decode(byte[] b, int off) {
        long digits = 0;
        boolean negative = false;
        for (int i = bytes - 1; i >= 0; i--) {
            int v = b[off + i] & 0xFF;
            if (signed && i == bytes - 1) {
                negative = (v & 0x80) != 0;
                v &= 0x7F;
            }
            int hi = v >>> 4;
            int lo = v & 0x0F;
            if (hi > 9 || lo > 9) {
                throw new IllegalArgumentException(String.format("%s: byte %02X is not BCD", this, b[off + i] & 0xFF));
            }
            digits = digits * 100 + hi * 10 + lo;
        }
        double value = digits / Math.pow(10, decimals);
        return negative ? -value : value;
    }

    /** Encodes {@code value} (rounded to this identifier's decimals) into {@code bytes()} bytes, lowest first. */
    public byte[] encode(double value) {
        long digits = Math.round(Math.abs(value) * Math.pow(10, decimals));
        long max = (long) Math.pow(10, 2 * bytes - (signed ? 1 : 0)) - 1;
        if (digits > max || (!signed && value < 0)) {
            throw new IllegalArgumentException(this + " cannot hold " + value);
        }
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int pair = (int) (digits % 100);
            digits /= 100;
            out[i] = (byte) (((pair / 10) << 4) | (pair % 10));
        }
        if (signed && value < 0 && Math.round(Math.abs(value) * Math.pow(10, decimals)) != 0) {
            out[bytes - 1] |= (byte) 0x80;
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("DI %08X (%s)", id, quantity);
    }
}
