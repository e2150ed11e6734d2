package org.orderly.tools.commission;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;

/**
 * A Modbus pile on 127.0.0.1: Debian's pymodbus running the gateway's test slave script, serving at one unit the
 * registers of config/devices/piles/generic-pile (limit, watchdog and fallback holding registers, writable; a charging
 * pile's status: state C, 16.0 A offered, 3.5 kW, 1.2 kWh), offering the limit written once one is; or one that
 * ignores the limit (offers 16.0 A whatever is written), gives no answer to writes, or answers busy.
 */
final class ModbusPileSlave implements AutoCloseable {
    private static final Path SCRIPT = Path.of("../gateway/src/test/resources/field/modbus_slave.py");
    final int port;
    private final ChildProcess process;

    private ModbusPileSlave(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    static ModbusPileSlave start(Path dir, int unit) throws Exception {
        return start(dir, unit, obeys(unit));
    }

    /** A pile that takes the limit's writes but goes on offering 16.0 A (it does not take control over Modbus). */
    static ModbusPileSlave ignoresLimit(Path dir, int unit) throws Exception {
        return start(dir, unit, "");
    }

    /** The limit register (0x0100) written shows in the offered current's (0x0201), both in 0.1 A. */
    private static String obeys(int unit) {
        return ", \"mirror\": {\"" + unit + "\": [256, 513]}";
    }

    /** A pile that answers its status reads but gives no answer to writes (and does not take them). */
    static ModbusPileSlave silentToWrites(Path dir, int unit) throws Exception {
        return start(dir, unit, ", \"silent_writes\": [" + unit + "]");
    }

    /** A pile that answers its first {@code times} requests with exception 06 (server device busy), then as usual. */
    static ModbusPileSlave busyFirst(Path dir, int unit, int times) throws Exception {
        return start(dir, unit, ", \"busy\": {\"" + unit + "\": " + times + "}" + obeys(unit));
    }

    /**
     * A pile that obeys, its fallback register (0x0102, in 0.1 A) holding {@code fallbackRaw}: the safe current of its
     * own setting, or one a gateway wrote.
     */
    static ModbusPileSlave withFallback(Path dir, int unit, int fallbackRaw) throws Exception {
        return start(dir, unit, obeys(unit), fallbackRaw);
    }

    private static ModbusPileSlave start(Path dir, int unit, String more) throws Exception {
        return start(dir, unit, more, 0);
    }

    private static ModbusPileSlave start(Path dir, int unit, String more, int fallbackRaw) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        Path spec = Files.writeString(Files.createTempFile(dir, "pile", ".json"), """
                {"units": {"%d": [
                  {"function": 3, "address": 256, "type": "uint16", "raw": 0},
                  {"function": 3, "address": 257, "type": "uint16", "raw": 0},
                  {"function": 3, "address": 258, "type": "uint16", "raw": %d},
                  {"function": 3, "address": 512, "type": "uint16", "raw": 3},
                  {"function": 3, "address": 513, "type": "uint16", "raw": 160},
                  {"function": 3, "address": 514, "type": "uint32", "raw": 3500},
                  {"function": 3, "address": 516, "type": "uint32", "raw": 1200}]}%s}
                """.formatted(unit, fallbackRaw, more));
        ChildProcess p = ChildProcess.start("pymodbus", List.of(python, SCRIPT.toString(), spec.toString(), "tcp",
                Integer.toString(port)), Files.createTempFile(dir, "pymodbus", ".log"));
        p.awaitTcp(port, Duration.ofSeconds(20));
        return new ModbusPileSlave(port, p);
    }

    @Override
    public void close() {
        process.close();
    }
}
