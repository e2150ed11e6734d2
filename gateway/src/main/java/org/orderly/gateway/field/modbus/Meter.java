package org.orderly.gateway.field.modbus;

import java.util.List;
import java.util.Objects;
import org.orderly.serial.UnitAddress;

/** A meter on a bus: its id in the compound, its Modbus unit id, its map and its role. */
public record Meter(String id, int unitId, RegisterMap map, MeterRole role, List<ReadBlock> blocks) {

    public Meter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(role, "role");
        if (!UnitAddress.isUnit(unitId)) {
            // 0 too, which until 2026-12-07 (rtu62) was taken: a broadcast no meter answers
            throw new IllegalArgumentException(id + ": unit id " + unitId + " outside " + UnitAddress.RANGE);
        }
        blocks = List.copyOf(blocks);
    }

    public Meter(String id, int unitId, RegisterMap map, MeterRole role) {
        this(id, unitId, map, role, ReadPlanner.plan(map));
    }
}
