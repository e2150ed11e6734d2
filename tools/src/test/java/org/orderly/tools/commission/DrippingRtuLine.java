package org.orderly.tools.commission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A serial line (a socat pty pair) with the gateway's dripping_rtu_meter.py at its far end, at 9600 baud, sending every
 * reply a byte every 100 ms, whichever unit is asked: the commands are given {@link #port}.
 */
final class DrippingRtuLine implements AutoCloseable {
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/dripping_rtu_meter.py").toAbsolutePath();

    private final SocatPair line;
    private final ChildProcess meter;

    private DrippingRtuLine(SocatPair line, ChildProcess meter) {
        this.line = line;
        this.meter = meter;
    }

    /** What an {@code orderly modbus} command run against the line did, the line's port, and the meter's log. */
    record Ran(OrderlyRun run, String port, String meterLog) {
    }

    /**
     * Runs {@code orderly modbus COMMAND --port ... --baud 9600 --timeout-ms 300 --devices ../config/devices OPTIONS}
     * against a line started in {@code dir} for it.
     */
    static Ran run(Path dir, String command, String... options) throws Exception {
        try (DrippingRtuLine line = start(dir)) {
            List<String> args = new ArrayList<>(List.of("modbus", command, "--port", line.port(), "--baud", "9600",
                    "--timeout-ms", "300", "--devices", "../config/devices"));
            args.addAll(List.of(options));
            return new Ran(OrderlyRun.of(args.toArray(String[]::new)), line.port(), line.meterLog());
        }
    }

    /** Starts the pair and the meter in {@code dir}, once the meter says it is ready. */
    static DrippingRtuLine start(Path dir) throws Exception {
        String python = ExternalTools.require("python3-serial");
        SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
        try {
            return new DrippingRtuLine(line, ChildProcess.startUntilLogged("dripping RTU meter", List.of(python,
                    SCRIPT.toString(), line.slave.toString(), "9600", "0.1"), dir.resolve("meter.log"), "ready",
                    Duration.ofSeconds(30)));
        } catch (Exception | Error e) {
            line.close();
            throw e;
        }
    }

    /** The port the commands open. */
    String port() {
        return line.master.toString();
    }

    /** What the meter said: each request it read. */
    String meterLog() {
        return meter.log();
    }

    @Override
    public void close() throws Exception {
        try (SocatPair l = line; ChildProcess m = meter) {
            // both closed, the meter first
        }
    }
}
