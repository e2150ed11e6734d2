package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.SocatPair;

/** Debian's python3-pymodbus serving a {@link SlaveSpec}, as a subprocess; over TCP on loopback or RTU on a pty. */
final class PymodbusSlave implements AutoCloseable {

    private final Process process;
    private final Path log;

    private PymodbusSlave(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static PymodbusSlave tcp(String python, Path dir, SlaveSpec spec, int port) throws Exception {
        PymodbusSlave slave = start(python, dir, spec, List.of("tcp", Integer.toString(port)));
        slave.awaitTcp(port);
        return slave;
    }

    /** Serves on the slave end of {@code line}; returns once it answers on the master end. */
    static PymodbusSlave rtu(String python, Path dir, SlaveSpec spec, SocatPair line, int baud) throws Exception {
        PymodbusSlave slave = start(python, dir, spec, List.of("rtu", line.slave.toString(), Integer.toString(baud)));
        slave.awaitRtu(spec, new BusEndpoint.Serial(line.master.toString(), baud, "none", 8, 1));
        return slave;
    }

    private static PymodbusSlave start(String python, Path dir, SlaveSpec spec, List<String> args) throws IOException {
        Path script = dir.resolve("modbus_slave.py");
        try (InputStream in = PymodbusSlave.class.getResourceAsStream("/field/modbus_slave.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), spec.write(dir).toString()));
        cmd.addAll(args);
        Path log = Files.createTempFile(dir, "slave", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PymodbusSlave(p, log);
    }

    private void awaitTcp(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pymodbus slave exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pymodbus slave did not listen on " + port + ": " + Files.readString(log));
    }

    /** A serial server gives no readiness signal: ask it for a served register until it answers. */
    private void awaitRtu(SlaveSpec spec, BusEndpoint.Serial master) throws Exception {
        int unit = spec.firstUnit();
        RegisterPoint p = spec.firstPoint();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (J2modLink link = new J2modLink(master, java.time.Duration.ofMillis(300))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("pymodbus slave exited: " + Files.readString(log));
                }
                try {
                    link.read(unit, p.function(), p.address(), p.type().words());
                    return;
                } catch (FieldReadException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("pymodbus RTU slave never answered: " + Files.readString(log), notYet);
                    }
                    Thread.sleep(200);
                }
            }
        }
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
