package org.orderly.gateway.field.dlt645;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The DL/T 645 data identifiers Orderly reads, each of one {@link Dlt645Version}: in 2007 four bytes (DI3 DI2 DI1 DI0,
 * sent DI0 first), in 1997 two (DI1 DI0, sent DI0 first). Each has the quantity name the Modbus register maps use and
 * its format from its edition's data tables: a value of {@code bytes} BCD bytes (lowest first) with {@code decimals}
 * digits after the point; for {@code signed} values the top bit of the highest byte is the sign (power and current flow
 * backwards when set). DL/T 645-1997's values have no sign bit (the direction of flow is in its status words, which we
 * do not read), and its table has neither the frequency nor per-phase energy: a 1997 meter is not asked for them.
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
    FREQUENCY(0x02800002, "frequency.hz", 2, 2, false),              // 电网频率 XX.XX Hz

    // DL/T 645-1997 (docs/dlt645.md, "DL/T 645-1997", gives the sources).
    ENERGY_IMPORT_1997(0x9010, "energy.import.kwh", 4, 2, Dlt645Version.V1997), // (当前)正向有功总电能 XXXXXX.XX kWh
    ENERGY_EXPORT_1997(0x9020, "energy.export.kwh", 4, 2, Dlt645Version.V1997), // (当前)反向有功总电能
    VOLTAGE_A_1997(0xB611, "voltage.a.v", 2, 0, Dlt645Version.V1997),           // A相电压 XXX V
    VOLTAGE_B_1997(0xB612, "voltage.b.v", 2, 0, Dlt645Version.V1997),
    VOLTAGE_C_1997(0xB613, "voltage.c.v", 2, 0, Dlt645Version.V1997),
    CURRENT_A_1997(0xB621, "current.a.a", 2, 2, Dlt645Version.V1997),           // A相电流 XX.XX A
    CURRENT_B_1997(0xB622, "current.b.a", 2, 2, Dlt645Version.V1997),
    CURRENT_C_1997(0xB623, "current.c.a", 2, 2, Dlt645Version.V1997),
    POWER_TOTAL_1997(0xB630, "power.total.kw", 3, 4, Dlt645Version.V1997),      // 瞬时有功功率 XX.XXXX kW
    POWER_A_1997(0xB631, "power.a.kw", 3, 4, Dlt645Version.V1997),              // A相有功功率
    POWER_B_1997(0xB632, "power.b.kw", 3, 4, Dlt645Version.V1997),
    POWER_C_1997(0xB633, "power.c.kw", 3, 4, Dlt645Version.V1997);

    private final int id;
    private final String quantity;
    private final int bytes;
    private final int decimals;
    private final boolean signed;
    private final Dlt645Version version;

    /** A DL/T 645-2007 identifier. */
    DataId(int id, String quantity, int bytes, int decimals, boolean signed) {
        this(id, quantity, bytes, decimals, signed, Dlt645Version.V2007);
    }

    /** An unsigned identifier of {@code version}. */
    DataId(int id, String quantity, int bytes, int decimals, Dlt645Version version) {
        this(id, quantity, bytes, decimals, false, version);
    }

    DataId(int id, String quantity, int bytes, int decimals, boolean signed, Dlt645Version version) {
        this.id = id;
        this.quantity = quantity;
        this.bytes = bytes;
        this.decimals = decimals;
        this.signed = signed;
        this.version = version;
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

    /** The edition whose table this identifier is from. */
    public Dlt645Version version() {
        return version;
    }

    /** The DL/T 645-2007 identifier of {@code quantity}. */
    public static Optional<DataId> ofQuantity(String quantity) {
        return ofQuantity(Dlt645Version.V2007, quantity);
    }

    /** The identifier of {@code quantity} in {@code version}'s table: empty where that table lacks it. */
    public static Optional<DataId> ofQuantity(Dlt645Version version, String quantity) {
        return all(version).stream().filter(d -> d.quantity.equals(quantity)).findFirst();
    }

    /** Every identifier of {@code version}, in this enum's order. */
    public static List<DataId> all(Dlt645Version version) {
        return Arrays.stream(values()).filter(d -> d.version == version).toList();
    }

    /** The identifier's bytes in wire order (DI0 first; 4 in 2007, 2 in 1997), as meant (before +0x33). */
    public byte[] wireBytes() {
        byte[] all = {(byte) id, (byte) (id >>> 8), (byte) (id >>> 16), (byte) (id >>> 24)};
        return Arrays.copyOf(all, version.idBytes());
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
        return version == Dlt645Version.V2007 ? String.format("DI %08X (%s)", id, quantity)
                : String.format("DI %04X (%s, %s)", id, quantity, version);
    }
}
