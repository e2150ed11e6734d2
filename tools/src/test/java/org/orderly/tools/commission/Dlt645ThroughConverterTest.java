package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ExternalTools;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly dlt645 address|read --tcp HOST:PORT}: the simulated meters behind the script's simulated RS-485-to-TCP
 * converter on 127.0.0.1, reached by the gateway's own {@code TcpLine}. Until 2026-12-05 both commands opened a serial
 * port only ({@code Unknown option: '--tcp'}), so a meter behind a converter could be neither found nor tested.
 */
class Dlt645ThroughConverterTest {
    private static final String METERS = """
            {"meters": {"000000123456": {"02030000": -2.5, "02010100": 231.4, "00010000": 99.5},
                        "000000000097": {"B630": 2.5, "B611": 231, "9010": 99.5}},
             "v1997": ["000000000097"]}
            """;

    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void readsBothEditionsAndFindsA2007MetersAddressThroughTheConverter() throws Exception {
        String python = ExternalTools.require("python3-serial");
        try (Dlt645Sim converter = Dlt645Sim.behindConverter(python, dir, METERS)) {
            String tcp = "127.0.0.1:" + converter.converterPort();

            OrderlyRun address = OrderlyRun.of("dlt645", "address", "--tcp", tcp, "--timeout-ms", "10000");
            assertThat(address.exit()).as(address.err()).isZero();
            assertThat(address.out().strip()).isEqualTo("000000123456");

            // Every quantity must be answered: a generous wait, which ends with the reply, for a loaded machine
            OrderlyRun read = OrderlyRun.of("dlt645", "read", "--tcp", tcp, "--address", "123456", "--timeout-ms", "10000");
            assertThat(read.exit()).as(read.err()).isZero();
            assertThat(read.out()).startsWith("DL/T 645 meter 000000123456 on tcp://" + tcp + " ")
                    .containsPattern("power.total.kw\\s+-2.5000\\s+kW\\s+02030000")
                    .containsPattern("voltage.a.v\\s+231.4000\\s+V\\s+02010100")
                    .containsPattern("energy.import.kwh\\s+99.5000\\s+kWh\\s+00010000");
            assertThat(read.err()).isEmpty();

            OrderlyRun old = OrderlyRun.of("dlt645", "read", "--tcp", tcp, "--address", "97", "--edition", "1997",
                    "--timeout-ms", "10000");
            assertThat(old.exit()).as(old.err()).isZero();
            assertThat(old.out()).containsPattern("power.total.kw\\s+2.5000\\s+kW\\s+B630\\b")
                    .containsPattern("voltage.a.v\\s+231.0000\\s+V\\s+B611\\b")
                    .containsPattern("energy.import.kwh\\s+99.5000\\s+kWh\\s+9010\\b");
            assertThat(old.err()).isEmpty();
        }
    }

    /**
     * DL/T 645-1997 has no read-address command: asked for with {@code --edition 1997}, {@code address} says so at once
     * instead of waiting for an answer that cannot come; asked of a 1997 meter without it, its timeout says so too.
     */
    @Test
    void addressSaysWhat1997CannotDo() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String spec = """
                {"meters": {"000000000097": {"B630": 2.5}}, "v1997": ["000000000097"]}
                """;
        try (Dlt645Sim converter = Dlt645Sim.behindConverter(python, dir, spec)) {
            String tcp = "127.0.0.1:" + converter.converterPort();

            OrderlyRun told = OrderlyRun.of("dlt645", "address", "--tcp", tcp, "--edition", "1997");
            assertThat(told.exit()).as(told.err()).isEqualTo(2);
            assertThat(told.out()).isEmpty();
            assertThat(told.err().strip()).doesNotContain("\n").isEqualTo("orderly dlt645 address: DL/T 645-1997 has no "
                    + "read-address command (2007's 13), so a 1997 meter does not answer one: take its address from its "
                    + "nameplate; read it with orderly dlt645 read --edition 1997 --address DIGITS");

            OrderlyRun silent = OrderlyRun.of("dlt645", "address", "--tcp", tcp, "--timeout-ms", "300");
            assertThat(silent.exit()).as(silent.err()).isEqualTo(1);
            assertThat(silent.err().strip()).doesNotContain("\n")
                    .startsWith("orderly dlt645 address: no meter answered on tcp://" + tcp + " within 300 ms:")
                    .contains("the converter's serial settings").doesNotContain("--baud")
                    .contains("DL/T 645-1997 has no read-address command");
        }
    }

    @Test
    void aConverterNotReachedIsOneLineNamingIt() throws Exception {
        int nothing;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothing = s.getLocalPort(); // closed again: nothing listens there
        }
        for (String command : new String[] {"read", "address"}) {
            OrderlyRun r = command.equals("read")
                    ? OrderlyRun.of("dlt645", "read", "--tcp", "127.0.0.1:" + nothing, "--address", "123456")
                    : OrderlyRun.of("dlt645", "address", "--tcp", "127.0.0.1:" + nothing);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).doesNotContain("\n")
                    .startsWith("orderly dlt645 " + command + ": RS-485 converter tcp://127.0.0.1:" + nothing + " not reached: ")
                    .contains("check --tcp");
        }
    }

    @Test
    void aMeterThatDoesNotAnswerThroughTheConverterPointsAtTheConvertersSettings() throws Exception {
        String python = ExternalTools.require("python3-serial");
        try (Dlt645Sim converter = Dlt645Sim.behindConverter(python, dir, METERS)) {
            String tcp = "127.0.0.1:" + converter.converterPort();
            OrderlyRun read = OrderlyRun.of("dlt645", "read", "--tcp", tcp, "--address", "000000999999", "--timeout-ms", "100");
            assertThat(read.exit()).as(read.err()).isEqualTo(1);
            assertThat(read.out()).containsPattern("voltage.a.v\\s+\\(timeout\\)");
            assertThat(read.err().strip()).doesNotContain("\n").startsWith("orderly dlt645 read: meter 000000999999 on tcp://"
                    + tcp + " did not answer (timeout)").contains("the converter's serial settings").doesNotContain("--baud");
        }
    }

    /**
     * selftest's advice for a meter on a {@code tcp} bus names the read that reaches it, through the converter: until
     * 2026-12-05 it said {@code orderly dlt645 read (which opens a serial port: run it on a port on the meter's RS-485
     * line, not through tcp://...)}.
     */
    @Test
    void selftestAdvisesTheReadThroughTheConverter() throws Exception {
        String python = ExternalTools.require("python3-serial");
        try (DatagramSocket silentPile = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                Dlt645Sim converter = Dlt645Sim.behindConverter(python, dir, """
                {"meters": {"000000123456": {"02030000": 3.5, "02020100": 6.5, "02020200": 6.1, "02020300": 6.2},
                            "000000000097": {"B630": 1.5}},
                 "v1997": ["000000000097"]}
                """)) {
            Path config = SelftestYaml.withPileMeter(SelftestYaml.dlt645(dir, silentPile.getLocalPort(), "- { name: room-645, "
                    + "protocol: dlt645, tcp: { host: 127.0.0.1, port: " + converter.converterPort() + " }, timing: { timeoutMs: "
                    + "2000 } }", "000000123456"), "- { pile: p1, bus: room-645, dlt645: { address: \"000000000097\", version: 1997 } }");

            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(), "--wait-s", "1");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).contains("address 000000000097 has no energy.import.kwh (the meter said no such data)")
                    .contains("orderly dlt645 read --tcp 127.0.0.1:" + converter.converterPort() + " --address 000000000097 "
                            + "--edition 1997 lists the quantities it has")
                    .doesNotContain("opens a serial port");
        }
    }

    @Test
    void aBadConverterOptionIsOneLine() {
        assertThat(OrderlyRun.of("dlt645", "read", "--tcp", "192.168.10.21", "--address", "123456"))
                .isEqualTo(new OrderlyRun(2, "", "orderly dlt645 read: --tcp must be HOST:PORT, the converter's address and "
                        + "its TCP server port 1..65535 (e.g. 192.168.10.21:8899), was '192.168.10.21'\n"));
        OrderlyRun both = OrderlyRun.of("dlt645", "address", "--tcp", "127.0.0.1:8899", "--port", "/dev/ttyUSB0");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err().strip()).doesNotContain("\n").contains("--tcp").contains("--port").contains("mutually exclusive");
        OrderlyRun baud = OrderlyRun.of("dlt645", "address", "--tcp", "127.0.0.1:8899", "--baud", "1200");
        assertThat(baud.exit()).isEqualTo(2);
        assertThat(baud.err().strip()).doesNotContain("\n").startsWith("orderly dlt645 address: --baud applies to a serial "
                + "port (--port); set a converter's in the converter; with --tcp leave it out");
    }
}
