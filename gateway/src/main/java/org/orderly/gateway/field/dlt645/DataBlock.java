package org.orderly.gateway.field.dlt645;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.orderly.gateway.field.modbus.FailureKind;
import org.orderly.gateway.field.modbus.FieldReadException;

/**
 * A DL/T 645-2007 block identifier: FF in DI1 asks for every identifier of the group in one reply, their values one after
 * another in the order of DI1 (00 first where it exists), each in its own format, nothing between them. Only the
 * groups whose members are all of fixed length are here: voltages (A, B, C: 3 x 2 bytes), currents (A, B, C: 3 x 3)
 * and active powers (total, A, B, C: 4 x 3). The energies' blocks (0001FF00: total and every tariff) are not, their
 * length being the meter's number of tariffs. DL/T 645-1997 has blocks too (B61F, B62F, B63F), not read: docs/dlt645.md,
 * "Block reads", says why.
 */
public enum DataBlock {
    VOLTAGES(0x0201FF00, "voltages", DataId.VOLTAGE_A, DataId.VOLTAGE_B, DataId.VOLTAGE_C),       // 电压数据块
    CURRENTS(0x0202FF00, "currents", DataId.CURRENT_A, DataId.CURRENT_B, DataId.CURRENT_C),       // 电流数据块
    POWERS(0x0203FF00, "powers", DataId.POWER_TOTAL, DataId.POWER_A, DataId.POWER_B, DataId.POWER_C); // 瞬时有功功率数据块

    private final int id;
    private final String name;
    private final List<DataId> members;

    DataBlock(int id, String name, DataId... members) {
        this.id = id;
        this.name = name;
        this.members = List.of(members);
    }

    public int id() {
        return id;
    }

    /** The identifiers whose values the reply carries, in its order. */
    public List<DataId> members() {
        return members;
    }

    /** How many value bytes a whole reply carries after the identifier. */
    public int bytes() {
        return members.stream().mapToInt(DataId::bytes).sum();
    }

    /** The block {@code di} is a member of, if any. */
    public static Optional<DataBlock> of(DataId di) {
        return Arrays.stream(values()).filter(b -> b.members.contains(di)).findFirst();
    }

    /**
     * Whether {@code failure} of a block read says that the meter does not read this block as written: it refused it
     * (an abnormal reply, "no such data" or any other error byte), or answered it with a length that is not the
     * block's. Such a meter is read one quantity at a time; a silent meter or a garbled frame is the line's fault, not
     * this.
     */
    public static boolean notReadBy(FieldReadException failure) {
        return failure.kind() == FailureKind.EXCEPTION_RESPONSE || BlockMisfit.in(failure);
    }

    /** The identifier's bytes in wire order (DI0 first), as meant (before +0x33). */
    public byte[] wireBytes() {
        return new byte[] {(byte) id, (byte) (id >>> 8), (byte) (id >>> 16), (byte) (id >>> 24)};
    }

    @Override
    public String toString() {
        return String.format("DI %08X (%s block)", id, name);
    }
}
