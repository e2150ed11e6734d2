package org.orderly.gateway.field.dlt645;

import java.util.List;
import java.util.Objects;
import org.orderly.gateway.field.modbus.MeterRole;

/**
 * A DL/T 645 meter on a line: its id in the compound, its address, its role, what to read from it (in order), the
 * current transformer ratio that turns its secondary current, power and energy into primary values, and whether its
 * quantities are read by block identifiers where they can be ({@link ReadStep#plan}; 2007 meters only).
 */
public record Dlt645Meter(String id, MeterAddress address, MeterRole role, List<DataId> reads, double ctRatio,
                          boolean blockReads) {
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
        if (!(ctRatio >= 1) || Double.isInfinite(ctRatio)) {
            throw new IllegalArgumentException(id + ": CT ratio must be at least 1, was " + ctRatio);
        }
        if (blockReads && reads.stream().anyMatch(d -> d.version() != Dlt645Version.V2007)) {
            throw new IllegalArgumentException(id + ": block reads are for DL/T 645-2007 meters");
        }
    }

    /** A meter read one identifier at a time. */
    public Dlt645Meter(String id, MeterAddress address, MeterRole role, List<DataId> reads, double ctRatio) {
        this(id, address, role, reads, ctRatio, false);
    }

    /** A direct-connected meter (no current transformer). */
    public Dlt645Meter(String id, MeterAddress address, MeterRole role, List<DataId> reads) {
        this(id, address, role, reads, 1);
    }

    /** The primary value of {@code di} read as {@code secondary}. */
    public double primary(DataId di, double secondary) {
        String q = di.quantity();
        boolean scaled = q.startsWith("current.") || q.startsWith("power.") || q.startsWith("energy.");
        return scaled ? secondary * ctRatio : secondary;
    }

    /** What a DL/T 645-2007 meter in {@code role} is read for when the configuration does not say. */
    public static List<DataId> defaultReads(MeterRole role) {
        return defaultReads(role, Dlt645Version.V2007);
    }

    /**
     * What a meter of {@code version} in {@code role} is read for when the configuration does not say: the transformer's
     * total power and line currents, a pile meter's total power and imported energy (both tables have them).
     */
    public static List<DataId> defaultReads(MeterRole role, Dlt645Version version) {
        List<String> quantities = role == MeterRole.TRANSFORMER
                ? List.of("power.total.kw", "current.a.a", "current.b.a", "current.c.a")
                : List.of("power.total.kw", "energy.import.kwh");
        return quantities.stream().map(q -> DataId.ofQuantity(version, q).orElseThrow()).toList();
    }
}
