package org.orderly.gateway.field.pile;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A Modbus TCP pile on 127.0.0.1: the meter tests' pymodbus slave script ({@code /field/modbus_slave.py},
 * Debian's python3-pymodbus), serving a spec written here: the pile map's writable registers (initially 0)
 * and its status registers with fixed raw values. Writes land in the slave's datastore and read back over fc03.
 */
final class PileSlave implements AutoCloseable {

    /** A served register: holding (fc 3), its type and raw value. */
    record Entry(int address, String type, double raw) {
    }

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
        int port = LoopbackPorts.free();
        ChildProcess p = ChildProcess.start("pymodbus pile slave",
                List.of(python, script.toString(), spec.toString(), "tcp", Integer.toString(port)),
                dir.resolve("pile-slave.log"));
        p.awaitTcp(port, Duration.ofSeconds(20));
        return new PileSlave(port, p);
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
