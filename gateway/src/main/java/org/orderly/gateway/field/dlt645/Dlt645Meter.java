package org.orderly.gateway.field.dlt645;

import java.util.List;
import java.util.Objects;
import org.orderly.gateway.field.modbus.MeterRole;

/** A DL/T 645 meter on a line: its id in the compound, its address, its role, and what to read from it, in order. */
public record Dlt645Meter(String id, MeterAddress address, MeterRole role, List<DataId> reads) {
    public Dlt645Meter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        reads = List.copyOf(reads);
        if (address.isBroadcast()) {
            throw new IllegalArgumentException(id + ": a polled meter needs its own address, not the broadcast one");
        }
        if (reads.isEmpty()) {
            throw new IllegalArgumentException(id + ": nothing to read");
        }
    }

    /** What a meter in {@code role} is read for when the configuration does not say. */
    public static List<DataId> defaultReads(MeterRole role) {
        return role == MeterRole.TRANSFORMER
                ? List.of(DataId.POWER_TOTAL, DataId.CURRENT_A, DataId.CURRENT_B, DataId.CURRENT_C)
                : List.of(DataId.POWER_TOTAL, DataId.ENERGY_IMPORT);
    }
}
