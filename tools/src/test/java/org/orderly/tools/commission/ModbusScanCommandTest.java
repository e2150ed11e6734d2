package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} on a simulated RS-485 bus: Debian's pymodbus on one end of a socat pty pair, serving
 * five meters of four models (two of them Eastron meters whose registers overlap) at unit ids 1, 2, 3, 5 and 6;
 * the scan must find exactly those units and name each model. A unit that answers is given seconds (pymodbus on a
 * loaded machine can be late), so the ranges asked hold few absent units, each of which costs the whole --timeout-ms.
 */
class ModbusScanCommandTest {
    private static final Path DEVICES = Path.of("../config/devices");

    @TempDir
    Path dir;

    private static RegisterMap map(String name) throws Exception {
        return RegisterMapLoader.load(DEVICES.resolve(name + ".yaml"));
    }

    @Test
    void findsTheMetersOfASimulatedBusAndNamesTheirModels() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        Map<Integer, RegisterMap> units = ModbusSim.units(1, map("chint-dtsu666"), 2, map("eastron-sdm630"),
                3, map("eastron-sdm120"), 5, map("acrel-adl400"), 6, map("chint-ddsu666"));
        try (SocatPair line = new SocatPair(socat, dir);
                ModbusSim sim = ModbusSim.rtu(python, dir, units, line.slave, line.master, 9600)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--port", line.master.toString(), "--baud", "9600", "--units", "1-7",
                    "--timeout-ms", "2000", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> rows = r.out().lines().filter(l -> l.startsWith("rtu:")).toList();
            assertThat(rows).hasSize(5);
            assertThat(rows.get(0)).matches("rtu:\\S+@9600/none\\s+1\\s+Chint DTSU666\\s+chint-dtsu666\\s+voltage.a.v=230.50 .*");
            assertThat(rows.get(1)).matches(".*\\s2\\s+Eastron SDM630\\s+eastron-sdm630\\s.*");
            assertThat(rows.get(2)).matches(".*\\s3\\s+Eastron SDM120\\s+eastron-sdm120\\s.*");
            assertThat(rows.get(3)).matches(".*\\s5\\s+Acrel ADL400\\s+acrel-adl400\\s.*frequency.hz=50.00.*");
            assertThat(rows.get(4)).matches(".*\\s6\\s+Chint DDSU666\\s+chint-ddsu666\\s.*");
        }
    }

    /**
     * A pty pair carries bytes, not a line's baud rate and parity: the meter answers at every setting the scan tries,
     * which on a real adapter it would only at its own, and the scan says so in one line. Until 2026-12-05 it listed
     * the meter at each setting and said nothing.
     */
    @Test
    void aPortThatAppliesNoSettingsIsSaidWhenTheSameUnitsAnswerAtEvery() throws Exception {
        OrderlyRun r = scanOnePty("--baud", "9600,19200", "--parity", "none,even", "--units", "1-2", "--timeout-ms", "300");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("rtu:"))).as(r.out()).hasSize(4);
        assertThat(r.err().strip()).as(r.err()).isEqualTo("orderly modbus scan: the same unit (1) answered at every line "
                + "setting tried (9600 none, 9600 even, 19200 none, 19200 even): the port does not seem to apply the line "
                + "settings (a pseudo-terminal, or a converter that sets its own), so the meters' baud rate and parity "
                + "cannot be told from here; take them from the meter's display or manual");
    }

    /** One setting tried tells nothing of the port: no such line. */
    @Test
    void oneSettingTriedSaysNothingOfThePort() throws Exception {
        OrderlyRun r = scanOnePty("--baud", "9600", "--units", "1-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).as(r.err()).doesNotContain("answered at every line setting");
    }

    /** A scan with {@code options} of a socat pty with a Chint DTSU666 at unit 1 behind it, each answer given 2 s. */
    private OrderlyRun scanOnePty(String... options) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                ModbusSim sim = ModbusSim.rtu(python, dir, ModbusSim.units(1, map("chint-dtsu666")), line.slave, line.master, 9600)) {
            List<String> args = new java.util.ArrayList<>(List.of("modbus", "scan", "--port", line.master.toString(),
                    "--answered-timeout-ms", "2000", "--devices", DEVICES.toString()));
            args.addAll(List.of(options));
            return OrderlyRun.of(args.toArray(String[]::new));
        }
    }

    @Test
    void behindATcpGatewayTheUnitsItSaysDidNotAnswerAreNotListed() throws Exception {
        // A Modbus TCP gateway answers for its RS-485 line: exception 0B for a unit id that is not on it. That is an
        // absent unit, not a meter that answers but fits no map.
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcpGateway(python, dir, ModbusSim.units(2, map("chint-dtsu666")), port)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--units", "1-4", "--timeout-ms", "3000", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp:")).toList();
            assertThat(rows).as(r.out()).hasSize(1);
            assertThat(rows.get(0)).matches("tcp://127.0.0.1:" + port + "\\s+2\\s+Chint DTSU666\\s+chint-dtsu666\\s.*");
        }
    }

    @Test
    void aTcpMeterAnsweringWhateverUnitIdItIsAskedIsListedOnceNotOncePerUnitId() throws Exception {
        // It echoes every unit id asked, so the unit-id check cannot tell; 248, which no serial unit has, tells.
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcpAnyUnit(python, dir, map("eastron-sdm120"), port)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--units", "1-6", "--timeout-ms", "3000", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp:")).toList();
            assertThat(rows).as(r.out()).hasSize(1);
            assertThat(rows.get(0)).matches("tcp://127.0.0.1:" + port + "\\s+any\\s+Eastron SDM120\\s+eastron-sdm120\\s+"
                    + "voltage.v=230.50 frequency.hz=50.00; answers whatever unit id it is asked, 248 too: one meter, which "
                    + "the configuration may give any unit id");
        }
    }

    @Test
    void aMeterBusyOnEveryTryIsListedAsBusyNotAsFittingNoMap() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcpBusy(python, dir, ModbusSim.units(2, map("chint-dtsu666")), port, Map.of(2, 1_000_000))) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port),
                    "--units", "2-2", "--timeout-ms", "2000", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> rows = r.out().lines().filter(l -> l.startsWith("tcp://")).toList();
            assertThat(rows).as(r.out()).hasSize(1);
            assertThat(rows.get(0)).matches("tcp://127.0.0.1:" + port + "\\s+2\\s+\\?\\s+-\\s+answers busy \\(exception 06, server "
                    + "device busy\\) on every try: ask again in a while, or read it with --map");
        }
    }

    @Test
    void readPrintsEveryPointOfTheMapWithUnits() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        int port = LoopbackPorts.free();
        try (ModbusSim sim = ModbusSim.tcp(python, dir, ModbusSim.units(4, map("chint-dtsu666")), port)) {
            OrderlyRun r = OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", Integer.toString(port), "--unit", "4",
                    "--map", "chint-dtsu666", "--timeout-ms", "5000", "--devices", DEVICES.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("Chint DTSU666 at unit 4 on tcp://127.0.0.1:" + port);
            assertThat(r.out().lines().filter(l -> l.matches("\\S+\\s+-?[0-9.]+\\s+\\S+\\s+0x[0-9A-F]{4}\\s+3"))).hasSize(13);
            assertThat(r.out()).containsPattern("voltage.a.v\\s+230.500\\s+V\\s+0x2006")
                    .containsPattern("power.total.kw\\s+2.500\\s+kW\\s+0x2012").containsPattern("frequency.hz\\s+50.000\\s+Hz");
        }
    }

    @Test
    void aSilentLineFindsNothingAndExitsOne() throws Exception {
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--port", line.master.toString(), "--units", "1-3", "--timeout-ms", "100",
                    "--devices", DEVICES.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("orderly modbus scan: no meter answered; ");
        }
    }

    @Test
    void aMissingPortIsOneLineAndExitOne() {
        OrderlyRun r = OrderlyRun.of("modbus", "scan", "--port", dir.resolve("no-such-tty").toString(), "--units", "1-3",
                "--devices", DEVICES.toString());
        assertThat(r.exit()).isEqualTo(1);
        // Nothing is at the path: one line saying so and what to check, before any request.
        assertThat(r.err().strip()).startsWith("orderly modbus scan: no serial port " + dir.resolve("no-such-tty")
                        + ": nothing is at that path; check --port (the RS-485 adapter unplugged, or another name: ")
                .doesNotContain("\n");
        assertThat(r.out()).doesNotContain("rtu:" + dir + "/no-such-tty@9600/none  1");
    }

    @Test
    void eachSettingSaysHowLongItMayTake() throws Exception {
        // 247 absent units at 300 ms are 75 s of nothing else on the screen: the line before them says so.
        int nobody = LoopbackPorts.free();
        OrderlyRun r = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", Integer.toString(nobody), "--timeout-ms", "200",
                "--devices", DEVICES.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        // 247 units and unit 248, each up to 200 ms for its answer and as long to connect again (ScanEstimate); until
        // 2026-12-03 "costs --timeout-ms, 200 ms: up to 50 s", the reconnection not counted. A unit that answers is
        // asked the model probes of config/devices' five meter maps (4 + 2 + 4 + 2 + 4), each up to
        // --answered-timeout-ms and as long to connect again; until 2026-12-04 the line did not say them.
        assertThat(r.out().lines().findFirst().orElse("")).isEqualTo("scanning tcp://127.0.0.1:" + nobody + " units 1..247 (a unit that "
                + "does not answer costs up to 400 ms (--timeout-ms 200 for its answer, and as long again to connect anew: a "
                + "timeout drops the connection): up to 100 s; each unit that answers adds up to 16 model probes of up to 2000 ms"
                + " (--answered-timeout-ms 1000 for its answer, and as long again to connect anew: a timeout drops the"
                + " connection): up to 32 s) ...");
    }
}
