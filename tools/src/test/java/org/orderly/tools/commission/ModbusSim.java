package org.orderly.tools.commission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.DataType;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.testkit.ChildProcess;

/**
 * A simulated bus of live-looking meters: Debian's pymodbus running the gateway's test slave script
 * (gateway/src/test/resources/field/modbus_slave.py, which encodes values itself with Python's struct), serving
 * each unit with a register map's points at plausible values: 230.x V, 50.0 Hz, small currents and powers.
 */
final class ModbusSim implements AutoCloseable {
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/modbus_slave.py");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private final ChildProcess process;

    private ModbusSim(ChildProcess process) {
        this.process = process;
    }

    /** The value served for a quantity, in its unit. */
    static double value(String quantity) {
        if (quantity.startsWith("voltage.")) {
            return 230.5;
        }
        return quantity.equals("frequency.hz") ? 50.0 : 2.5;
    }

    static ModbusSim tcp(String python, Path dir, Map<Integer, RegisterMap> units, int port) throws Exception {
        return tcp(python, dir, units, port, false);
    }

    /**
     * A Modbus TCP gateway to an RS-485 line holding {@code units}: every other unit id is answered with exception 0B
     * (gateway target device failed to respond), as such gateways do, rather than not at all.
     */
    static ModbusSim tcpGateway(String python, Path dir, Map<Integer, RegisterMap> units, int port) throws Exception {
        return tcp(python, dir, units, port, true);
    }

    /** Meters that answer their first requests with exception 06 (server device busy): {@code busy} unit -> how many. */
    static ModbusSim tcpBusy(String python, Path dir, Map<Integer, RegisterMap> units, int port, Map<Integer, Integer> busy)
            throws Exception {
        ModbusSim s = start(python, dir, units, false, busy, List.of("tcp", Integer.toString(port)));
        s.process.awaitTcp(port, START_TIMEOUT);
        return s;
    }

    /**
     * Meters at {@code units}, and at each of {@code garbled} a unit whose every answer is replaced by junk that is not
     * a Modbus TCP frame (a server that breaks down for one unit id).
     */
    static ModbusSim tcpGarbled(String python, Path dir, Map<Integer, RegisterMap> units, int port, Set<Integer> garbled)
            throws Exception {
        ModbusSim s = start(python, dir, units, false, Map.of(), garbled, OptionalInt.empty(), 0, false, false,
                List.of("tcp", Integer.toString(port)));
        s.process.awaitTcp(port, START_TIMEOUT);
        return s;
    }

    /**
     * Meters at {@code units}; a unit of {@code busy} answers each request that many times busy (exception 06), then
     * not at all, and so on: a meter busy with something else, then silent (its line disturbed, or itself hung).
     */
    static ModbusSim tcpBusyThenSilent(String python, Path dir, Map<Integer, RegisterMap> units, int port, Map<Integer, Integer> busy)
            throws Exception {
        ModbusSim s = start(python, dir, units, false, busy, Set.of(), OptionalInt.empty(), 0, false, true,
                List.of("tcp", Integer.toString(port)));
        s.process.awaitTcp(port, START_TIMEOUT);
        return s;
    }

    /** Meters at {@code units}, served until unit {@code vanishAt} is asked: then the server exits without an answer. */
    static ModbusSim tcpVanishing(String python, Path dir, Map<Integer, RegisterMap> units, int port, int vanishAt)
            throws Exception {
        return tcpVanishing(python, dir, units, port, vanishAt, 0);
    }

    /** As above, but unit {@code vanishAt} is first answered {@code answersBefore} times. */
    static ModbusSim tcpVanishing(String python, Path dir, Map<Integer, RegisterMap> units, int port, int vanishAt,
            int answersBefore) throws Exception {
        ModbusSim s = start(python, dir, units, false, Map.of(), Set.of(), OptionalInt.of(vanishAt), answersBefore, false, false,
                List.of("tcp", Integer.toString(port)));
        s.process.awaitTcp(port, START_TIMEOUT);
        return s;
    }

    /** One meter that answers whatever unit id it is asked, as a Modbus TCP meter that ignores the unit id does. */
    static ModbusSim tcpAnyUnit(String python, Path dir, RegisterMap meter, int port) throws Exception {
        ModbusSim s = start(python, dir, units(1, meter), false, Map.of(), Set.of(), OptionalInt.empty(), 0, true, false,
                List.of("tcp", Integer.toString(port)));
        s.process.awaitTcp(port, START_TIMEOUT);
        return s;
    }

    /** Meters at {@code units} that answer every request {@code lateMs} late: slow meters, or a slow line behind a gateway. */
    static ModbusSim tcpLate(String python, Path dir, Map<Integer, RegisterMap> units, int port, int lateMs) throws Exception {
        ModbusSim s = start(python, dir, units, false, Map.of(), Set.of(), OptionalInt.empty(), 0, false, false, lateMs,
                List.of("tcp", Integer.toString(port)));
        s.process.awaitTcp(port, START_TIMEOUT);
        return s;
    }

    private static ModbusSim tcp(String python, Path dir, Map<Integer, RegisterMap> units, int port, boolean gateway)
            throws Exception {
        ModbusSim s = start(python, dir, units, gateway, Map.of(), List.of("tcp", Integer.toString(port)));
        s.process.awaitTcp(port, START_TIMEOUT);
        return s;
    }

    static ModbusSim rtu(String python, Path dir, Map<Integer, RegisterMap> units, Path slaveEnd, Path masterEnd, int baud)
            throws Exception {
        return rtu(python, dir, units, Set.of(), slaveEnd, masterEnd, baud);
    }

    /** As {@link #rtu(String, Path, Map, Path, Path, int)}, and at each of {@code garbled} a unit answering with a bad CRC. */
    static ModbusSim rtu(String python, Path dir, Map<Integer, RegisterMap> units, Set<Integer> garbled, Path slaveEnd,
            Path masterEnd, int baud) throws Exception {
        ModbusSim s = start(python, dir, units, false, Map.of(), garbled, OptionalInt.empty(), 0, false, false,
                List.of("rtu", slaveEnd.toString(), Integer.toString(baud)));
        Map.Entry<Integer, RegisterMap> first = units.entrySet().iterator().next();
        RegisterPoint p = first.getValue().points().get(0);
        try (J2modLink link = new J2modLink(new BusEndpoint.Serial(masterEnd.toString(), baud, "none", 8, 1),
                Duration.ofMillis(300))) {
            s.process.awaitReady("answering on " + masterEnd, START_TIMEOUT, Duration.ofMillis(200), () -> {
                link.read(first.getKey(), p.function(), p.address(), p.type().words());
                return true;
            });
        }
        return s;
    }

    private static ModbusSim start(String python, Path dir, Map<Integer, RegisterMap> units, boolean gateway,
            Map<Integer, Integer> busy, List<String> args)
            throws IOException {
        return start(python, dir, units, gateway, busy, Set.of(), OptionalInt.empty(), 0, false, false, args);
    }

    private static ModbusSim start(String python, Path dir, Map<Integer, RegisterMap> units, boolean gateway,
            Map<Integer, Integer> busy, Set<Integer> garbled, OptionalInt vanishAt, int answersBeforeVanishing,
            boolean anyUnit, boolean busyThenSilent, List<String> args) throws IOException {
        return start(python, dir, units, gateway, busy, garbled, vanishAt, answersBeforeVanishing, anyUnit, busyThenSilent, 0, args);
    }

    private static ModbusSim start(String python, Path dir, Map<Integer, RegisterMap> units, boolean gateway,
            Map<Integer, Integer> busy, Set<Integer> garbled, OptionalInt vanishAt, int answersBeforeVanishing,
            boolean anyUnit, boolean busyThenSilent, int lateMs, List<String> args) throws IOException {
        StringBuilder json = new StringBuilder("{\"units\": {");
        String sep = "";
        for (Map.Entry<Integer, RegisterMap> u : units.entrySet()) {
            json.append(sep).append('"').append(u.getKey()).append("\": [");
            sep = ", ";
            String psep = "";
            for (RegisterPoint p : u.getValue().points()) {
                double raw = value(p.quantity()) / p.scale();
                json.append(psep).append(String.format(Locale.ROOT,
                        "{\"function\": %d, \"address\": %d, \"type\": \"%s\", \"order\": \"%s\", \"raw\": %s}",
                        p.function().code(), p.address(), p.type().name().toLowerCase(Locale.ROOT),
                        p.order().name().toLowerCase(Locale.ROOT), Double.toString(p.type() == DataType.FLOAT32 ? raw : Math.rint(raw))));
                psep = ", ";
            }
            json.append(']');
        }
        json.append("}, \"gateway\": ").append(gateway).append(", \"busy\": {").append(busy.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
                .append("}, \"garbled_units\": ")
                .append(garbled.stream().sorted().toList());
        vanishAt.ifPresent(u -> json.append(", \"vanish_at\": ").append(u).append(", \"vanish_after\": ").append(answersBeforeVanishing));
        json.append(", \"any_unit\": ").append(anyUnit);
        json.append(", \"late_ms\": ").append(lateMs);
        if (busyThenSilent) {
            json.append(", \"busy_then_silent\": {").append(busy.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "))).append('}');
        }
        json.append('}');
        Path spec = Files.createTempFile(dir, "units", ".json");
        Files.writeString(spec, json.toString());
        List<String> cmd = new ArrayList<>(List.of(python, SCRIPT.toString(), spec.toString()));
        cmd.addAll(args);
        return new ModbusSim(ChildProcess.start("pymodbus", cmd, Files.createTempFile(dir, "pymodbus", ".log")));
    }

    @Override
    public void close() {
        process.close();
    }

    static Map<Integer, RegisterMap> units(Object... unitAndMap) {
        Map<Integer, RegisterMap> m = new LinkedHashMap<>();
        for (int i = 0; i < unitAndMap.length; i += 2) {
            m.put((Integer) unitAndMap[i], (RegisterMap) unitAndMap[i + 1]);
        }
        return m;
    }
}
