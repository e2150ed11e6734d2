package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;
import org.orderly.tools.testing.OrderlyRun;

/**
 * A meter that answers, but later than the timeout (a slow meter, or a Modbus TCP gateway in front of a slow line),
 * looks at that timeout exactly like an absent one. The commissioning commands ask such a unit once more, given
 * longer, and say that it answers and what timeout to give, instead of sending the installer to its unit id and the
 * wiring. The peer is pymodbus answering every request 800 ms late; the commands wait 300 ms, selftest's bus 100 ms. Until 2026-12-05
 * {@code modbus read} said {@code did not answer (timeout); check the unit id ...} and {@code selftest} {@code no answer from
 * unit 1: check its unit id ...}, and the scan's {@code no meter answered} named no timeout.
 */
class SlowMeterAdviceTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();
    private static final int LATE_MS = 800;

    @TempDir
    Path dir;

    private ModbusSim lateMeter(int port) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        Map<Integer, RegisterMap> units = ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm630.yaml")));
        return ModbusSim.tcpLate(python, dir, units, port, LATE_MS);
    }

    @Test
    void readSaysTheUnitAnswersLateAndWhatTimeoutToGive() throws Exception {
        int port = LoopbackPorts.free();
        try (ModbusSim sim = lateMeter(port)) {
            OrderlyRun r = OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port), "--unit", "1",
                    "--map", "eastron-sdm630", "--timeout-ms", "300", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.err().strip()).as(r.err()).matches("orderly modbus read: unit 1 on tcp://127.0.0.1:" + port + " answers, but only "
                    + "after \\d+ ms, later than --timeout-ms 300 waits \\(a slow meter, or a Modbus gateway in front of a slow line\\): "
                    + "give --timeout-ms \\d+00, twice what it took; its unit id and the line are right");
        }
    }

    @Test
    void selftestFailsTheMeterNamingTheBusTimeoutToGive() throws Exception {
        int port = LoopbackPorts.free();
        try (ModbusSim sim = lateMeter(port); Bridge pile = new Bridge("p1")) {
            // The bus's timing.timeoutMs is 100 there.
            Path config = Files.writeString(dir.resolve("rig.yaml"), OnePileGateway.yaml("rig", pile.port(), port, 1000));
            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out().lines().filter(l -> l.startsWith("transformer")).toList()).as(r.out()).singleElement().asString()
                    .matches("transformer\\s+meter eastron-sdm630\\s+room unit 1\\s+FAIL\\s+unit 1 answers, but only after \\d+ ms, "
                            + "later than timing.timeoutMs 100 of bus 'room' waits \\(.*\\): give timing.timeoutMs \\d+00 of bus "
                            + "'room', twice what it took; its unit id and the line are right; TIMEOUT: .*");
        }
    }

    /**
     * A bus carrying a Modbus pile takes a timing.timeoutMs of at most 3333 (its lease of 10 s is renewed every 3333
     * ms): a meter there answering after 1800 ms is told that, not twice what it took, which check-config refuses. Until
     * 2026-12-05 it was told {@code give timing.timeoutMs 3600 of bus 'room'}.
     */
    @Test
    void selftestHoldsTheTimeoutToGiveToWhatABusWithAModbusPileTakes() throws Exception {
        int port = LoopbackPorts.free();
        String python = ExternalTools.require("python3-pymodbus");
        Map<Integer, RegisterMap> units = ModbusSim.units(1, RegisterMapLoader.load(DEVICES.resolve("eastron-sdm630.yaml")));
        try (ModbusSim sim = ModbusSim.tcpLate(python, dir, units, port, 1800); Bridge pile = new Bridge("p1")) {
            String yaml = OnePileGateway.yaml("rig", pile.port(), port, 1000).replace("    - { id: p1,",
                    "    - { id: p2, phase: A, maxA: 16, driver: { modbus: { bus: room, unit: 20, map: piles/generic-pile } } }\n"
                            + "    - { id: p1,")
                    // longer than the sim's 1800 ms less its backlog: the late ask, on a connection of its own, is answered
                    // after the sim has answered the poll that timed out, within the 4500 ms it is given
                    .replace("timeoutMs: 100", "timeoutMs: 1500");
            Path config = Files.writeString(dir.resolve("rig.yaml"), yaml);
            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(), "--wait-s", "2");
            assertThat(r.out().lines().filter(l -> l.startsWith("transformer")).toList()).as(r.out() + r.err()).singleElement()
                    .asString().matches("transformer\\s+meter eastron-sdm630\\s+room unit 1\\s+FAIL\\s+unit 1 answers, but only after"
                            + " 1\\d{3} ms, later than timing.timeoutMs 1500 of bus 'room' waits \\(.*\\): give timing.timeoutMs 3333 of"
                            + " bus 'room', the most a bus carrying Modbus piles takes \\(pile 'p2': .*\\), less than twice what it"
                            + " took; or give the meter a line of its own, without Modbus piles, with a timing.timeoutMs of \\d+00,"
                            + " twice what it took; its unit id and the line are right; TIMEOUT: .*");
        }
    }

    @Test
    void aScanThatFindsNoMeterNamesTheTimeout() throws Exception {
        int port = LoopbackPorts.free();
        try (ModbusSim sim = lateMeter(port)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port), "--units", "1-1",
                    "--timeout-ms", "300", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.err()).as(r.err()).contains("orderly modbus scan: no meter answered; ")
                    .contains("; a meter slower to answer than --timeout-ms 300 looks absent too: orderly modbus read --unit ID --map MAP "
                            + "says so, and how long it takes");
        }
    }
}
