package org.orderly.gateway.field.pile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
    private final Process process;
    private final Path log;

    private PileSlave(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static PileSlave start(Path dir, int unitId, List<Entry> entries) throws Exception {
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
        json.append("]}}");
        Path spec = Files.writeString(dir.resolve("pile-slave.json"), json.toString());
        int port;
        port = LoopbackPorts.free();
        Path log = dir.resolve("pile-slave.log");
        Process p = new ProcessBuilder(python, script.toString(), spec.toString(), "tcp", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PileSlave slave = new PileSlave(port, p, log);
        slave.awaitListening();
        return slave;
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pymodbus slave exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pymodbus slave did not listen on " + port + ": " + log());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
