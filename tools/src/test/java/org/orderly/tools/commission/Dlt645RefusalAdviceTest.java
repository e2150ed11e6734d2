package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * What {@code selftest} and {@code dlt645 read} advise when a DL/T 645 meter refuses what it is asked: a meter that has
 * no such data, or that refuses for a reason of its own, answered from its address, so the advice is about the
 * quantity and the meter, never a Modbus map or {@code modbus scan} (until 2026-12-03 it was the Modbus meter's
 * "refuses the map's registers ... orderly modbus scan names one that does"). The gateway's simulated meters across a
 * socat pty pair, as {@link Dlt645CommandTest}.
 */
class Dlt645RefusalAdviceTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * The transformer meter has no total power (which Orderly needs from it every cycle, so leaving it out is no
     * advice), p1's meter no import energy (asked by the default list for a pile meter), and p2's refuses its voltage
     * (error byte 04, password/authority error). The piles are silent sockets: their rows are not looked at.
     */
    @Test
    void selftestSaysWhatTheMeterLacksOrRefusesAndWhatToDo() throws Exception {
        String python = ExternalTools.require("python3-pymodbus"); // brings python3-serial
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir);
                DatagramSocket silent1 = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket silent2 = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                Dlt645Sim meters = Dlt645Sim.start(python, dir, line, """
                {"meters": {"000000123456": {"02020100": 6.5, "02020200": 6.1, "02020300": 6.2},
                            "000000000041": {"02030000": 3.5},
                            "000000000042": {"02030000": 3.5, "02010100": 230.1}},
                 "errors": {"000000000042": {"02010100": 4}}}
                """)) {
            Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                    gatewayId: rig
                    compound:
                      transformer: { limitKw: 100, phaseVoltageV: 230 }
                      piles:
                        - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                        - { id: p2, phase: B, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                    meters:
                      transformer: { bus: room-645, dlt645: { address: "000000123456" } }
                      piles:
                        - { pile: p1, bus: room-645, dlt645: { address: "000000000041" } }
                        - { pile: p2, bus: room-645, dlt645: { address: "000000000042", quantities: [power.total.kw, voltage.a.v] } }
                    buses:
                      - { name: room-645, protocol: dlt645, serial: { port: "%s" }, timing: { timeoutMs: 800 } }
                    tariff:
                      periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                    """.formatted(silent1.getLocalPort(), silent2.getLocalPort(), line.master));

            OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(), "--wait-s", "1");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            String read = "orderly dlt645 read --port " + line.master + " --baud 2400 --parity even --address ";
            assertThat(r.out())
                    .containsPattern("transformer\\s+meter dlt645\\s+room-645 address 000000123456\\s+FAIL\\s+address "
                            + "000000123456 has no power.total.kw \\(the meter said no such data\\), which Orderly reads from the "
                            + "transformer meter every cycle: check that this address is the transformer's meter and that its "
                            + "dlt645.version \\(2007\\) is the edition it speaks; " + read + "000000123456 lists the quantities "
                            + "it has; EXCEPTION_RESPONSE: ")
                    .containsPattern("pile-p1\\s+meter dlt645\\s+room-645 address 000000000041\\s+FAIL\\s+address "
                            + "000000000041 has no energy.import.kwh \\(the meter said no such data\\): give its dlt645.quantities "
                            + "without it \\(the default list for a pile meter asks for it\\); " + read + "000000000041 lists the "
                            + "quantities it has; ")
                    .containsPattern("pile-p2\\s+meter dlt645\\s+room-645 address 000000000042\\s+FAIL\\s+address "
                            + "000000000042 answers but refuses voltage.a.v, for a reason of its own \\(its error byte says which\\): "
                            + "its address and the line are right; [^\\n]*" + read + "000000000042 [^\\n]*error byte 04: "
                            + "password/authority error")
                    .doesNotContain("modbus scan").doesNotContain("the map");
        }
    }

    /** A meter that refuses every quantity for a reason of its own (error byte 04): it answered, from its address. */
    @Test
    void dlt645ReadOfAMeterRefusingEveryQuantitySaysItAnswersAndRefuses() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        String refusals = Arrays.stream(DataId.values()).map(di -> String.format("\"%08X\": 4", di.id()))
                .collect(Collectors.joining(", "));
        try (SocatPair line = new SocatPair(socat, dir); Dlt645Sim meter = Dlt645Sim.start(python, dir, line,
                "{\"meters\": {\"000000123456\": {}}, \"errors\": {\"000000123456\": {" + refusals + "}}}")) {
            // Every refusal must arrive: a generous wait, which ends with the reply, for a loaded machine
            OrderlyRun r = OrderlyRun.of("dlt645", "read", "--port", line.master.toString(), "--address", "123456",
                    "--timeout-ms", "10000");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).containsPattern("power.total.kw\\s+\\(exception_response\\)");
            assertThat(r.err().strip()).doesNotContain("\n")
                    .startsWith("orderly dlt645 read: meter 000000123456 on " + line.master + " refused every quantity (error "
                            + "byte 04: password/authority error): address 000000123456 answers but refuses to be read, for a "
                            + "reason of its own (its error byte says which): its address and the line are right; ")
                    .contains("DL/T 645-2007").doesNotContain("modbus scan").doesNotContain("map").doesNotContain("answered no request");
        }
    }
}
