package org.orderly.gateway.field.modbus;

import java.util.List;
import java.util.Objects;

/** A meter on a bus: its id in the compound, its Modbus unit id, its map and its role. */
public record Meter(String id, int unitId, RegisterMap map, MeterRole role, List<ReadBlock> blocks) {

    public Meter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(role, "role");
        if (unitId < 0 || unitId > 247) {
            throw new IllegalArgumentException(id + ": unit id " + unitId + " outside 0..247");
        }
        blocks = List.copyOf(blocks);
    }

    public Meter(String id, int unitId, RegisterMap map, MeterRole role) {
        this(id, unitId, map, role, ReadPlanner.plan(map));
    }
}
