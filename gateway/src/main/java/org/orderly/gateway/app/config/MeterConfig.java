package org.orderly.gateway.app.config;

import java.util.List;
import org.orderly.gateway.field.dlt645.Dlt645Version;

/**
 * A meter: the transformer's ({@code pile} null) or a pile's, and where it is. A Modbus meter has a unit id and
 * a register map ({@code dlt645} null); a DL/T 645 meter has {@code dlt645} ({@code unit} 0, {@code map} null).
 */
public record MeterConfig(String id, String pile, String bus, int unit, String map, Dlt645 dlt645) {

    /**
     * A DL/T 645 meter: its 12-digit address, the quantities to read (names as in the register maps, e.g.
     * power.total.kw; an empty list means the defaults for its role), the current transformer ratio its
     * current, power and energy values are multiplied by (1 for a direct-connected meter), the edition it speaks, and
     * whether its quantities are read by block identifiers where they can be (docs/dlt645.md, "Block reads").
     */
    public record Dlt645(String address, List<String> quantities, double ctRatio, Dlt645Version version,
                         boolean blockReads) {
        public Dlt645 {
            quantities = List.copyOf(quantities);
            java.util.Objects.requireNonNull(version, "version");
        }
    }

    /** A Modbus meter. */
    public MeterConfig(String id, String pile, String bus, int unit, String map) {
        this(id, pile, bus, unit, map, null);
    }

    public boolean isTransformer() {
        return pile == null;
    }

    public boolean isDlt645() {
        return dlt645 != null;
    }
}
