package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.tools.testing.OrderlyRun;

/**
 * The demo's transformer meter behaves like a real meter of the map it claims (Eastron SDM630, docs/register-maps.md):
 * the commissioning commands an installer would point at a real one pass on it. Its peers run here on free loopback
 * ports, as {@code orderly demo --no-gateway} starts them; the commands run as {@code orderly} runs them.
 */
class DemoSelftestTest {
    private static final int PILES = 6;
    private static final Path DEVICES = DemoTest.find("config/devices");

    @TempDir
    Path dir;

    @Test
    void selftestOnTheDemoPassesEveryDevice() throws Exception {
        try (Peers peers = startPeers()) {
            OrderlyRun r = OrderlyRun.of("selftest", "--config", peers.config().toString(), "--devices", DEVICES.toString());

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("selftest: all " + (PILES + 1) + " devices pass")
                    .contains("voltage.a.v=220.00", "frequency.hz=50.00");
        }
    }

    @Test
    void everyPointOfTheMapReadsAsOnALiveThreePhaseSupply() throws Exception {
        try (Peers peers = startPeers()) {
            OrderlyRun r = OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port",
                    Integer.toString(peers.meterPort()), "--unit", "1", "--map", "eastron-sdm630", "--devices", DEVICES.toString());

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            Map<String, Double> v = values(r.out());
            double total = v.get("power.total.kw");
            assertThat(total).as("households are never all off").isPositive();
            assertThat(v.get("power.a.kw") + v.get("power.b.kw") + v.get("power.c.kw")).as("the phases add up to the total")
                    .isCloseTo(total, offset(0.01));
            for (String phase : new String[] {"a", "b", "c"}) {
                assertThat(v.get("voltage." + phase + ".v")).as("phase " + phase + " voltage").isEqualTo(220.0);
                assertThat(v.get("current." + phase + ".a") * v.get("voltage." + phase + ".v") / 1000)
                        .as("phase " + phase + ": current x voltage is its power")
                        .isCloseTo(v.get("power." + phase + ".kw"), offset(0.01));
            }
            assertThat(v.get("frequency.hz")).isEqualTo(50.0);
            assertThat(v.get("energy.import.kwh")).isNotNegative();
            assertThat(v.get("energy.export.kwh")).isZero();
        }
    }

    /**
     * Its meter answers at its unit id alone, as one behind a real Modbus TCP gateway: the scan lists it and nothing
     * else, and a read at another unit id says the unit did not answer, not that the map does not fit. Until 2026-12-06
     * every unit id answered (j2mod's slave: exception 02 for a unit it has no registers for), so the scan listed units
     * 2..247 as meters no shipped map fits, and a wrong unit id was blamed on the map.
     */
    @Test
    void aScanFindsTheMeterAtItsUnitAloneAndAnotherUnitIsAbsent() throws Exception {
        try (Peers peers = startPeers()) {
            String port = Integer.toString(peers.meterPort());
            OrderlyRun scan = OrderlyRun.of("modbus", "scan", "--host", "127.0.0.1", "--tcp-port", port, "--units", "1-4",
                    "--devices", DEVICES.toString());

            assertThat(scan.exit()).as(scan.out() + scan.err()).isZero();
            assertThat(scan.out()).as(scan.out()).containsPattern("(?m)^tcp://127\\.0\\.0\\.1:" + port + "\\s+1\\s+Eastron SDM630")
                    .doesNotContainPattern("(?m)^tcp://\\S+\\s+[2-4]\\s").doesNotContain("no shipped map fits");

            OrderlyRun read = OrderlyRun.of("modbus", "read", "--host", "127.0.0.1", "--tcp-port", port, "--unit", "2",
                    "--map", "eastron-sdm630", "--devices", DEVICES.toString());
            assertThat(read.exit()).as(read.out() + read.err()).isEqualTo(1);
            assertThat(read.err()).as(read.err()).contains("unit 2 on tcp://127.0.0.1:" + port + " did not answer (its Modbus "
                    + "gateway reported no reply from it)").doesNotContain("the map does not fit");
        }
    }

    private Path demoConfig(FreePorts ports) throws Exception {
        String yaml = DemoTest.onFreeWebPort(new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort()).yaml());
        return Files.writeString(dir.resolve("demo-" + PILES + ".yaml"), yaml);
    }

    /** The demo's peers, started from {@code config}, their meter on {@code meterPort}. */
    private record Peers(Demo demo, Path config, int meterPort) implements AutoCloseable {
        @Override
        public void close() {
            demo.close();
        }
    }

    /** The peers of a demo compound of {@link #PILES} piles on free loopback ports, as {@code --no-gateway} starts them. */
    private Peers startPeers() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        Path config = demoConfig(ports);
        GatewayConfig c = ConfigLoader.load(config, DEVICES);
        return new Peers(Demo.start(c, DEVICES, dir.resolve("data"), Clock.systemUTC(), TimeScale.REAL,
                new PrintWriter(new StringWriter()), false), config, ports.meterPort());
    }

    /** quantity -> value from {@code modbus read}'s table ({@code quantity value unit address fc}). */
    private static Map<String, Double> values(String table) {
        Map<String, Double> out = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S+\\.\\S+)\\s+(-?\\d+\\.\\d+)\\s").matcher(table);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
