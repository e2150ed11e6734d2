package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.SocatPair;

/** Debian's python3-pymodbus serving a {@link SlaveSpec}, as a subprocess; over TCP on loopback or RTU on a pty. */
final class PymodbusSlave implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final ChildProcess process;

    private PymodbusSlave(ChildProcess process) {
        this.process = process;
    }

    static PymodbusSlave tcp(String python, Path dir, SlaveSpec spec, int port) throws Exception {
        PymodbusSlave slave = start(python, dir, spec, List.of("tcp", Integer.toString(port)));
        slave.process.awaitTcp(port, START_TIMEOUT);
        return slave;
    }

    /** Serves on the slave end of {@code line}; returns once it answers on the master end. */
    static PymodbusSlave rtu(String python, Path dir, SlaveSpec spec, SocatPair line, int baud) throws Exception {
        PymodbusSlave slave = start(python, dir, spec, List.of("rtu", line.slave.toString(), Integer.toString(baud)));
        // A serial server gives no readiness signal: ask it for a served register until it answers.
        int unit = spec.firstUnit();
        RegisterPoint p = spec.firstPoint();
        try (J2modLink link = new J2modLink(new BusEndpoint.Serial(line.master.toString(), baud, "none", 8, 1),
                Duration.ofMillis(300))) {
            slave.process.awaitReady("answering on " + line.master, START_TIMEOUT, Duration.ofMillis(200), () -> {
                link.read(unit, p.function(), p.address(), p.type().words());
                return true;
            });
        }
        return slave;
    }

    private static PymodbusSlave start(String python, Path dir, SlaveSpec spec, List<String> args) throws IOException {
        Path script = dir.resolve("modbus_slave.py");
        try (InputStream in = PymodbusSlave.class.getResourceAsStream("/field/modbus_slave.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), spec.write(dir).toString()));
        cmd.addAll(args);
        return new PymodbusSlave(ChildProcess.start("pymodbus slave", cmd, Files.createTempFile(dir, "slave", ".log")));
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
