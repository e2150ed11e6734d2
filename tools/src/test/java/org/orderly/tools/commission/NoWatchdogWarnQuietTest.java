package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.pile.ModbusPileConfig;
import org.orderly.gateway.field.pile.ModbusPileDriver;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.gateway.field.pile.WatchdogCheck;
import org.orderly.tools.testing.LogWritten;
import org.orderly.tools.testing.OrderlyRun;
import org.orderly.tools.testing.StderrLog;

/**
 * {@code orderly pile get} and {@code pile set} of a Modbus pile whose map has no watchdog register: the driver's
 * start-up WARN ("if the gateway stops, the pile keeps its last limit") is about the running gateway, not the command;
 * pile set says it in its own words ("with no lease"). Until 2026-12-03 both printed it. pymodbus serves the pile.
 * selftest's side is {@link SelftestPileLapseTest}.
 */
class NoWatchdogWarnQuietTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();
    static final String WARN = "has no watchdog register: if the gateway stops";

    @TempDir
    Path dir;

    @Test
    void pileGetAndPileSetLeaveOutTheGatewaysWarn() throws Exception {
        Path devices = Files.createDirectories(dir.resolve("devices/piles")).getParent();
        String generic = Files.readString(DEVICES.resolve("piles/generic-pile.yaml"));
        Files.writeString(devices.resolve("piles/no-watchdog.yaml"),
                String.join("\n", generic.lines().filter(l -> !l.startsWith("watchdog:")).toList()) + "\n");
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 4)) {
            List<String> pile = List.of("--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(slave.port), "--unit", "4",
                    "--map", "piles/no-watchdog", "--devices", devices.toString(), "--wait-s", "4");

            // the map is the installer's, and said so above the result
            String own = "register map 'piles/no-watchdog': " + devices.resolve("piles/no-watchdog.yaml")
                    + ", your own\n";
            StderrLog get = StderrLog.during(() -> OrderlyRun.of(command(List.of("pile", "get"), pile)));
            StderrLog set = StderrLog.during(() -> OrderlyRun.of(command(List.of("pile", "set", "10"), pile)));

            assertThat(get.run().exit()).as(get.run().err()).isZero();
            assertThat(get.run().out()).startsWith(own + "pile: state C (charging)");
            assertThat(get.log()).doesNotContain(WARN);
            assertThat(set.run().exit()).as(set.run().err()).isZero();
            assertThat(set.run().out()).startsWith(own + "set 10 A with no lease (the map has no watchdog register: ");
            assertThat(set.log()).doesNotContain(WARN);
        }
    }

    /** The driver as the gateway starts it, outside any command, still says it: the running gateway's log needs it. */
    @Test
    void theGatewaysDriverStillWarns() throws Exception {
        Path map = Files.writeString(dir.resolve("no-watchdog.yaml"), String.join("\n",
                Files.readString(DEVICES.resolve("piles/generic-pile.yaml")).lines().filter(l -> !l.startsWith("watchdog:")).toList()));
        try (ModbusPileSlave slave = ModbusPileSlave.start(dir, 4)) {
            PrintStream err = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try (ModbusPileDriver driver = ModbusPileDriver.start(ModbusPileConfig.of("p9",
                    new BusEndpoint.Tcp("127.0.0.1", slave.port), 4, PileMapLoader.load(map)), failure -> { }, Clock.systemUTC())) {
                LogWritten.await(() -> log.toString(StandardCharsets.UTF_8));
            } finally {
                System.setErr(err);
            }
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN " + WatchdogCheck.class.getName() + " - pile p9: map '")
                    .contains(WARN);
        }
    }

    private static String[] command(List<String> name, List<String> options) {
        return Stream.concat(name.stream(), options.stream()).toArray(String[]::new);
    }
}
