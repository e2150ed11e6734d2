package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.tools.testing.OrderlyRun;
import org.orderly.tools.testing.StderrLog;

/**
 * An installer's command says its result and nothing else: no timestamped INFO lines of the gateway's log around it
 * (warnings still show); a command group named without its command is bad input, exit 2; and selftest names a serial
 * port that is not there as modbus scan does.
 */
class ResultOnlyOutputTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"modbus", "pile", "dlt645"})
    void aGroupWithoutItsCommandIsBadInput(String group) {
        OrderlyRun r = OrderlyRun.of(group);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("orderly " + group + ": ").contains("subcommand").doesNotContain("\n");
    }

    @Test
    void orderlyWithoutACommandIsBadInput() {
        OrderlyRun r = OrderlyRun.of();
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("orderly: ").contains("subcommand").doesNotContain("\n");
    }

    @Test
    void pileGetPrintsNoInfoLines() throws Exception {
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 4)) {
            StderrLog c = StderrLog.during(() -> OrderlyRun.of("pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port",
                    Integer.toString(slave.port), "--unit", "4", "--map", "piles/generic-pile", "--devices", "../config/devices",
                    "--wait-s", "4"));
            assertThat(c.run().exit()).as(c.run().err()).isZero();
            assertThat(c.log()).doesNotContain(" INFO ");
        }
    }

    @Test
    void selftestNamesAMissingSerialPortAsModbusScanDoes() throws Exception {
        String tty = dir.resolve("ttyUSB7").toString();
        Path config = Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: g
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 32, driver: { coap: { host: 127.0.0.1, port: 1, plain: true } } }
                meters:
                  transformer: { bus: b, unit: 1, map: chint-dtsu666 }
                buses:
                  - { name: b, serial: { port: %s, baud: 9600 }, timing: { timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 1 } ]
                store: { path: orderly.db }
                """.formatted(tty));
        OrderlyRun r = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", "../config/devices", "--wait-s", "1");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        String all = r.out() + r.err();
        assertThat(all).contains("no serial port " + tty + ": nothing is at that path")
                .doesNotContain("invalid port descriptor").doesNotContain("--port");
        assertThat(all.lines().filter(l -> l.contains("no serial port")).count()).as(all).isEqualTo(1);
    }
}
