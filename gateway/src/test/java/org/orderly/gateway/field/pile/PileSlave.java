package org.orderly.gateway.field.pile;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.orderly.gateway.field.modbus.J2modLink;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.SocatPair;

/**
 * A Modbus TCP pile on 127.0.0.1 (or an RTU one on a socat pair, {@link #startRtu}): the meter tests' pymodbus slave
 * script ({@code /field/modbus_slave.py}, Debian's python3-pymodbus), serving a spec written here: the pile map's
 * writable registers (initially 0) and its status registers with fixed raw values. Writes land in the slave's datastore
 * and read back over fc03.
 */
final class PileSlave implements AutoCloseable {

    /** A served register: holding (fc 3), its type and raw value. */
    record Entry(int address, String type, double raw) {
    }

    /** Its TCP port; -1 for one on a serial line. */
    final int port;
    private final ChildProcess process;

    private PileSlave(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    static PileSlave start(Path dir, int unitId, List<Entry> entries) throws Exception {
        return start(dir, unitId, entries, false, 0);
    }

    /** A pile that answers its first {@code times} requests with exception 06 (server device busy), then as usual. */
    static PileSlave startBusyFirst(Path dir, int unitId, List<Entry> entries, int times) throws Exception {
        return start(dir, unitId, entries, false, times);
    }

    /** The pile behind a Modbus TCP gateway, which answers exception 0B for any other unit id. */
    static PileSlave startBehindGateway(Path dir, int unitId, List<Entry> entries) throws Exception {
        return start(dir, unitId, entries, true, 0);
    }

    private static PileSlave start(Path dir, int unitId, List<Entry> entries, boolean gateway, int busy) throws Exception {
        int port = LoopbackPorts.free();
        ChildProcess p = start(dir, unitId, entries, gateway, busy, List.of("tcp", Integer.toString(port)));
        p.awaitTcp(port, Duration.ofSeconds(20));
        return new PileSlave(port, p);
    }

    /**
     * The pile over Modbus RTU on the slave end of {@code line}, at 9600 8N1; returns once its state register answers
     * on the master end (a serial server gives no readiness signal).
     */
    static PileSlave startRtu(Path dir, int unitId, List<Entry> entries, SocatPair line) throws Exception {
        ChildProcess p = start(dir, unitId, entries, false, 0, List.of("rtu", line.slave.toString(), "9600"));
        int state = PileMaps.generic().point(PileMap.STATE).orElseThrow().address();
        try (J2modLink link = new J2modLink(new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1),
                Duration.ofMillis(300))) {
            p.awaitReady("answering on " + line.master, Duration.ofSeconds(20), Duration.ofMillis(200), () -> {
                link.read(unitId, FunctionCode.READ_HOLDING_REGISTERS, state, 1);
                return true;
            });
        }
        return new PileSlave(-1, p);
    }

    private static ChildProcess start(Path dir, int unitId, List<Entry> entries, boolean gateway, int busy,
                                      List<String> transport) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Path script = dir.resolve("modbus_slave.py");
        try (InputStream in = PileSlave.class.getResourceAsStream("/field/modbus_slave.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        StringBuilder json = new StringBuilder("{\"units\": {\"" + unitId + "\": [");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"function\": 3, \"address\": %d, \"type\": \"%s\", \"order\": \"big\", \"raw\": %s}",
                    e.address(), e.type(), Double.toString(e.raw())));
        }
        json.append("]}, \"gateway\": ").append(gateway).append(", \"busy\": {\"").append(unitId).append("\": ").append(busy)
                .append("}}");
        Path spec = Files.writeString(dir.resolve("pile-slave.json"), json.toString());
        List<String> command = new ArrayList<>(List.of(python, script.toString(), spec.toString()));
        command.addAll(transport);
        return ChildProcess.start("pymodbus pile slave", command, dir.resolve("pile-slave.log"));
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
