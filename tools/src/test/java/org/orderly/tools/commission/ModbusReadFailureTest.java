package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus read} against a meter it cannot read (Debian's pymodbus serving a DTSU666 at unit 4 on
 * loopback): after the table, one line on standard error that says in plain words what is wrong and what to check,
 * and exit 1. A wrong unit id times out, a wrong map is refused with exception responses, a wrong port is refused.
 */
class ModbusReadFailureTest {
    private static final Path DEVICES = Path.of("../config/devices");

    @TempDir
    static Path dir;

    private static ModbusSim sim;
    private static int port;

    @BeforeAll
    static void serveOneMeter() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        port = LoopbackPorts.free();
        sim = ModbusSim.tcp(python, dir, ModbusSim.units(4, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))), port);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /**
     * How long a read waits for each answer when the peer must answer for the test to pass: pymodbus answers at once,
     * but on a loaded machine (load 9+ on 2 cores) one answer of the busy meter's 16 came after 300 ms, and its request
     * was said to time out. The wait ends with the answer, so a generous one costs nothing.
     */
    private static final int ANSWER_WAIT_MS = 10_000;

    /** How long a read waits for a unit that never answers: the timeout is the outcome, so a short one. */
    private static final int SILENCE_WAIT_MS = 300;

    private static OrderlyRun read(int tcpPort, int unit, String map) {
        return read(tcpPort, unit, map, ANSWER_WAIT_MS);
    }

    private static OrderlyRun read(int tcpPort, int unit, String map, int timeoutMillis) {
        return OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", Integer.toString(tcpPort), "--unit",
                Integer.toString(unit), "--map", map, "--timeout-ms", Integer.toString(timeoutMillis), "--devices",
                DEVICES.toString());
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void aWrongUnitIdSaysNoAnswerAndToCheckTheUnitId() {
        OrderlyRun r = read(port, 5, "chint-dtsu666", SILENCE_WAIT_MS);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(lastLine(r.err())).isEqualTo("orderly modbus read: unit 5 on tcp://127.0.0.1:" + port + " did not answer "
                + "(timeout); check the unit id (orderly modbus scan lists the units that answer), then the line settings and the wiring");
    }

    @Test
    void aUnitItsGatewaySaysDidNotAnswerIsNotCalledAWrongMap() throws Exception {
        // Exception 0B comes from a Modbus TCP gateway, not from a meter: nothing answered at that unit id.
        String python = ExternalTools.require("python3-pymodbus");
        int gatewayPort = LoopbackPorts.free();
        try (ModbusSim gateway = ModbusSim.tcpGateway(python, dir,
                ModbusSim.units(4, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))), gatewayPort)) {
            OrderlyRun r = read(gatewayPort, 5, "chint-dtsu666");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(lastLine(r.err())).isEqualTo("orderly modbus read: unit 5 on tcp://127.0.0.1:" + gatewayPort + " did not "
                    + "answer (its Modbus gateway reported no reply from it); check the unit id (orderly modbus scan lists the units "
                    + "that answer), then the line settings and the wiring");
        }
    }

    @Test
    void aWrongMapSaysTheMeterRefusesItsAddresses() {
        OrderlyRun r = read(port, 4, "eastron-sdm630");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(lastLine(r.err())).isEqualTo("orderly modbus read: unit 4 on tcp://127.0.0.1:" + port + " refused every "
                + "request of map eastron-sdm630 (exception response): the map does not fit this meter; orderly modbus scan "
                + "names the map that does");
    }

    @Test
    void aMeterBusyOnEveryTryIsSaidToBeBusyNotToRefuseItsMap() throws Exception {
        // Exception 06 (server device busy) is the Modbus spec's "retry later", not the meter lacking the map's
        // registers
        String python = ExternalTools.require("python3-pymodbus");
        int busyPort = LoopbackPorts.free();
        try (ModbusSim busy = ModbusSim.tcpBusy(python, dir,
                ModbusSim.units(4, RegisterMapLoader.load(DEVICES.resolve("chint-dtsu666.yaml"))), busyPort, Map.of(4, 1_000_000))) {
            OrderlyRun r = read(busyPort, 4, "chint-dtsu666");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("(busy)");
            assertThat(lastLine(r.err())).isEqualTo("orderly modbus read: unit 4 on tcp://127.0.0.1:" + busyPort + " answered "
                    + "every request busy (exception 06, server device busy), each tried 4 times over 0.35 s: it is busy with "
                    + "something else (another master on its line, or its own menu); read it again in a while");
        }
    }

    /**
     * A meter that answers each request busy twice, then not at all, timed out, but it is there: the line says it
     * answered busy, not "did not answer; check the unit id". Until 2026-12-04 it said that, and the rows' timeouts
     * nothing of the busy answers.
     */
    @Test
    void aMeterBusyThenSilentIsSaidToHaveAnsweredBusyNotToHaveAWrongUnitId() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int busyPort = LoopbackPorts.free();
        try (ModbusSim busy = ModbusSim.tcpBusyThenSilent(python, dir,
                ModbusSim.units(4, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm120.yaml"))), busyPort, Map.of(4, 2))) {
            // the busy answers must come within the wait; each request's third try, unanswered, costs it once
            OrderlyRun r = read(busyPort, 4, "eastron-sdm120", 2000);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("(timeout)").doesNotContain("(busy)");
            assertThat(lastLine(r.err())).startsWith("orderly modbus read: unit 4 on tcp://127.0.0.1:" + busyPort + " timed out, "
                    + "having answered busy (exception 06, server device busy) ")
                    .containsPattern(" (once|[0-9]+ times) before: it is there, busy with something else")
                    .doesNotContain("check the unit id");
        }
    }

    @Test
    void aPortWithoutAMeterSaysItCannotBeReached() throws Exception {
        int nobody = LoopbackPorts.free();
        OrderlyRun r = read(nobody, 4, "chint-dtsu666");
        assertThat(r.exit()).isEqualTo(1);
        // the system's reason alone: until 2026-12-07 "(connection: Connection refused)"
        assertThat(lastLine(r.err())).isEqualTo("orderly modbus read: cannot reach tcp://127.0.0.1:" + nobody
                + " (Connection refused); check --host and --tcp-port, and that the meter or its Modbus gateway is on");
    }

    /**
     * A map whose word order does not fit the meter (an installer's copy saying {@code order: little} for a meter that
     * sends the high word first) is read without an error, its floats decoded into nonsense. Until 2026-12-05 the table
     * of nonsense was the whole answer, exit 0; now a line says which value no live supply has and what to check, exit
     * 1.
     */
    @Test
    void aMapWithItsWordOrderSwappedSaysTheValuesAreNoSuppliesAndExits1() throws Exception {
        Path swapped = Files.createDirectories(dir.resolve("swapped-devices"));
        String map = Files.readString(DEVICES.resolve("chint-dtsu666.yaml"));
        assertThat(map).contains("  order: big\n");
        Files.writeString(swapped.resolve("dtsu666-words-swapped.yaml"), map.replace("  order: big\n", "  order: little\n"));
        OrderlyRun r = OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port), "--unit",
                "4", "--map", "dtsu666-words-swapped", "--timeout-ms", Integer.toString(ANSWER_WAIT_MS), "--devices",
                swapped.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(lastLine(r.err())).startsWith("orderly modbus read: unit 4 on tcp://127.0.0.1:" + port + ", map "
                + "dtsu666-words-swapped: voltage.a.v = ").contains(" V is implausible: a live supply reads 90..300 V phase to "
                + "neutral; check the map's word order (order: big or little), type and scale against the meter's Modbus "
                + "table, then the wiring");
    }

    @Test
    void aGoodReadAddsNoLine() {
        OrderlyRun r = read(port, 4, "chint-dtsu666");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("orderly modbus read:");
    }
}
