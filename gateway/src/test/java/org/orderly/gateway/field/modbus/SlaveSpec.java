package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the pymodbus slave serves: per unit id, the raw values of a register map's points. Raw values
 * are chosen per point (integers for integer types, exactly representable floats for float32), and
 * the value the poller must report is {@code raw * scale}.
 */
final class SlaveSpec {

    private final Map<Integer, List<RegisterPoint>> units = new LinkedHashMap<>();
    private final Set<Integer> garbled = new TreeSet<>();
    private boolean gateway;
    private final Map<Integer, Integer> busy = new LinkedHashMap<>();
    private final Map<Integer, Integer> busyThenSilent = new LinkedHashMap<>();
    private int lateMs;
    private final Map<Integer, Integer> lateUnits = new LinkedHashMap<>();

    SlaveSpec serve(int unitId, RegisterMap map) {
        units.put(unitId, map.points());
        return this;
    }

    /** Serves {@code points} on {@code unitId}: a pile's status registers and the holding registers it is written. */
    SlaveSpec serve(int unitId, List<RegisterPoint> points) {
        units.put(unitId, List.copyOf(points));
        return this;
    }

    SlaveSpec garble(int unitId) {
        garbled.add(unitId);
        return this;
    }

    /**
     * Answer each request to {@code unitId} {@code times} times with exception 06 (server device busy), then not at all
     * (the master times out), and so on.
     */
    SlaveSpec busyThenSilent(int unitId, int times) {
        busyThenSilent.put(unitId, times);
        return this;
    }

    /** Answer the first {@code times} requests to {@code unitId} with exception 06 (server device busy), not carried out. */
    SlaveSpec busy(int unitId, int times) {
        busy.put(unitId, times);
        return this;
    }

    /** Send every answer {@code ms} late, as a slow meter, or a Modbus TCP gateway in front of a slow line, does. */
    SlaveSpec late(int ms) {
        lateMs = ms;
        return this;
    }

    /** Send {@code unitId}'s answers {@code ms} late, the server answering nothing else meanwhile (one line). */
    SlaveSpec late(int unitId, int ms) {
        lateUnits.put(unitId, ms);
        return this;
    }

    /** Serve as a Modbus TCP gateway does: exception 0B (target device failed to respond) for a unit not served. */
    SlaveSpec asGateway() {
        gateway = true;
        return this;
    }

    int firstUnit() {
        return units.keySet().iterator().next();
    }

    RegisterPoint firstPoint() {
        return units.values().iterator().next().get(0);
    }

    /** The raw value served for the {@code index}-th point of a map on {@code unitId}. */
    static double raw(int unitId, int index, RegisterPoint p) {
        double base = 1000 * unitId + 37 * index + 3;
        return switch (p.type()) {
            case FLOAT32 -> base + 0.25;
            case INT16 -> -(base % 30000);
            case UINT16 -> base % 60000;
            case INT32 -> -(base * 70_001);
            case UINT32 -> base * 70_001;
        };
    }

    /** What the poller should report for the {@code index}-th point. */
    static double expected(int unitId, int index, RegisterPoint p) {
        return raw(unitId, index, p) * p.scale();
    }

    Path write(Path dir) throws IOException {
        StringBuilder json = new StringBuilder("{\"units\": {");
        String sep = "";
        for (Map.Entry<Integer, List<RegisterPoint>> u : units.entrySet()) {
            json.append(sep).append('"').append(u.getKey()).append("\": [");
            sep = ", ";
            String psep = "";
            List<RegisterPoint> points = u.getValue();
            for (int i = 0; i < points.size(); i++) {
                RegisterPoint p = points.get(i);
                json.append(psep).append(String.format(Locale.ROOT,
                        "{\"function\": %d, \"address\": %d, \"type\": \"%s\", \"order\": \"%s\", \"raw\": %s}",
                        p.function().code(), p.address(), p.type().name().toLowerCase(Locale.ROOT),
                        p.order().name().toLowerCase(Locale.ROOT), Double.toString(raw(u.getKey(), i, p))));
                psep = ", ";
            }
            json.append(']');
        }
        json.append("}, \"garbled_units\": ").append(garbled).append(", \"gateway\": ").append(gateway)
                .append(", \"busy\": {").append(busy.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "))).append("}")
                .append(", \"busy_then_silent\": {").append(busyThenSilent.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
                .append("}, \"late_ms\": ").append(lateMs)
                .append(", \"late_units\": {").append(lateUnits.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
                .append("}}");
        Path file = Files.createTempFile(dir, "slave", ".json");
        Files.writeString(file, json.toString());
        return file;
    }
}
