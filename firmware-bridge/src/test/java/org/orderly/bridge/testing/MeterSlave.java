package org.orderly.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.SocatPair;

/**
 * An Eastron SDM meter served by Debian's python3-pymodbus ({@code /meter/meter_slave.py}) over Modbus TCP on
 * 127.0.0.1 or RTU on a socat pty: its active power and import energy are what the test last {@link #set}, and it can
 * serve each phase's current ({@link #tcp(Path, String, int, double, double, List)}), and it can be made to stop
 * answering ({@link #mute}) or be stopped and started again on the same port.
 */
public final class MeterSlave implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final String python;
    private final String model;
    private final int unit;
    private final List<String> transport;
    private final Path state;
    private final int tcpPort;
    private double powerW;
    private double importKwh;
    /** Each phase's current, served from the start when given: JSON's array, or empty for none. */
    private String phaseAmps = "";
    private ChildProcess process;
    private int starts;

    private MeterSlave(Path dir, String model, int unit, List<String> transport, int tcpPort) {
        this.dir = dir;
        this.python = ExternalTools.require("python3-pymodbus");
        this.model = model;
        this.unit = unit;
        this.transport = transport;
        this.tcpPort = tcpPort;
        this.state = dir.resolve("meter-state.json");
    }

    /** An SDM meter ({@code "sdm120"} or {@code "sdm630"}) at {@code unit} on a free 127.0.0.1 port, serving. */
    public static MeterSlave tcp(Path dir, String model, int unit, double powerW, double importKwh) throws Exception {
        int port = LoopbackPorts.free();
        MeterSlave slave = new MeterSlave(dir, model, unit, List.of("tcp", Integer.toString(port)), port);
        slave.write(powerW, importKwh, true);
        slave.start();
        return slave;
    }

    /** As {@link #tcp(Path, String, int, double, double)}, serving each phase's current too (one for sdm120). */
    public static MeterSlave tcp(Path dir, String model, int unit, double powerW, double importKwh,
                                 List<Double> phaseAmps) throws Exception {
        int port = LoopbackPorts.free();
        MeterSlave slave = new MeterSlave(dir, model, unit, List.of("tcp", Integer.toString(port)), port);
        slave.phaseAmps = phaseAmps.toString();
        slave.write(powerW, importKwh, true);
        slave.start();
        return slave;
    }

    /**
     * An SDM meter at {@code unit} on the slave end of {@code line}, at {@code baud} 8N1. A serial server says
     * nothing when it is ready: the caller waits until it answers.
     */
    public static MeterSlave rtu(Path dir, SocatPair line, int baud, String model, int unit, double powerW,
                                 double importKwh) throws Exception {
        ExternalTools.require("socat");
        MeterSlave slave = new MeterSlave(dir, model, unit,
                List.of("rtu", line.slave.toString(), Integer.toString(baud)), -1);
        slave.write(powerW, importKwh, true);
        slave.start();
        return slave;
    }

    /** {@code host:port} for {@code --meter-tcp}. */
    public String hostPort() {
        return "127.0.0.1:" + tcpPort;
    }

    public int port() {
        return tcpPort;
    }

    /** Serves these values from now on (and answers); returns once the slave serves them. */
    public void set(double powerW, double importKwh) throws IOException {
        write(powerW, importKwh, true);
    }

    /** Stops answering: requests get no reply at all; returns once the slave is silent. */
    public void mute() throws IOException {
        write(powerW, importKwh, false);
    }

    /** Stops the slave's process: its port refuses connections. */
    public void stop() {
        process.close();
    }

    /** Starts the slave's process again, on the same port or line, with the values last set. */
    public void start() throws Exception {
        starts++;
        Path script = dir.resolve("meter_slave.py");
        try (InputStream in = MeterSlave.class.getResourceAsStream("/meter/meter_slave.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString(), state.toString(), model,
                Integer.toString(unit)));
        command.addAll(transport);
        process = ChildProcess.start("pymodbus meter slave", command, dir.resolve("meter-slave-" + starts + ".log"));
        if (tcpPort > 0) {
            process.awaitTcp(tcpPort, START_TIMEOUT);
        } else {
            process.awaitLog("starting rtu", START_TIMEOUT);
        }
    }

    public String log() {
        return process.log();
    }

    /** Writes the state the slave serves and, while it runs, waits until it says it serves it. */
    private void write(double powerW, double importKwh, boolean answer) throws IOException {
        boolean running = process != null && process.isAlive();
        long served = running ? served() : 0;
        this.powerW = powerW;
        this.importKwh = importKwh;
        // Python's json reads NaN and Infinity as Java writes them; renamed into place so it never reads half a file
        String json = String.format(Locale.ROOT, "{\"powerW\": %s, \"importKwh\": %s, \"answer\": %s%s}",
                Double.toString(powerW), Double.toString(importKwh), answer,
                phaseAmps.isEmpty() ? "" : ", \"phaseAmps\": " + phaseAmps);
        Path next = Files.writeString(dir.resolve("meter-state.next"), json);
        Files.move(next, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (running) {
            try {
                process.awaitReady("serving " + json, START_TIMEOUT, Duration.ofMillis(20), () -> served() > served);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the slave took " + json, e);
            }
        }
    }

    /** How many states the slave has said it serves. */
    private long served() {
        return process.log().lines().filter(l -> l.startsWith("serving ")).count();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
