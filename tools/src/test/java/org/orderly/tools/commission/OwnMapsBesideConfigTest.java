package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.Startup;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.DevicesOption;
import org.orderly.tools.testing.OrderlyChild;
import org.orderly.tools.testing.OrderlyRun;

/**
 * The installer's own register maps in {@code devices/} beside the configuration, read before the shipped maps with
 * no option: a map the shipped set lacks is found, a map named as a shipped one is used in its place (a DTSU666 that
 * sends the low word first, served by Debian's pymodbus, read right only through the installer's copy with
 * {@code order: little}), and each is said. Until 2026-12-05 a command read one directory only: the shipped maps, or
 * {@code --devices DIR} in their place, so the installer kept copies of every shipped map the configuration used.
 */
@Timeout(120)
class OwnMapsBesideConfigTest {
    private static final Path SHIPPED = Path.of("../config/devices").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();
    private Gateway gateway;
    /** The own map and the configuration of {@link #swappedMeterServed}. */
    private Path servedMap;
    private Path servedConfig;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Path config(String transformerMap, int modbusPort) throws Exception {
        return Files.writeString(dir.resolve("orderly.yaml"), """
                gatewayId: gw-own
                compound:
                  transformer: { limitKw: 100, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { timeoutMs: 100, retries: 0 } }
                meters:
                  transformer: { bus: room, unit: 1, map: %s }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: 200 }
                store: { path: data/orderly.db }
                """.formatted(LoopbackPorts.free(), modbusPort, transformerMap));
    }

    /** A copy of the shipped DTSU666 map, words swapped: what `modbus scan` tells the installer to make. */
    private Path ownMap(String name) throws Exception {
        String shipped = Files.readString(SHIPPED.resolve("chint-dtsu666.yaml"));
        assertThat(shipped).contains("  order: big\n");
        Files.createDirectories(dir.resolve("devices"));
        return Files.writeString(dir.resolve("devices").resolve(name + ".yaml"),
                shipped.replace("  order: big\n", "  order: little\n"));
    }

    /**
     * {@code pile get --config FILE} (given for the compound's zone) reads the pile maps beside that file too, as the
     * help of {@code --devices} says of a command's {@code --config}; without it the map is not found there.
     */
    @Test
    void pileGetGivenTheConfigurationReadsAPileMapBesideIt() throws Exception {
        Path config = config("eastron-sdm630", LoopbackPorts.free());
        Path own = Files.createDirectories(dir.resolve("devices/piles")).resolve("own-pile.yaml");
        Files.copy(SHIPPED.resolve("piles/generic-pile.yaml"), own);
        String[] pile = {"pile", "get", "--modbus-host", "127.0.0.1", "--tcp-port", Integer.toString(LoopbackPorts.free()),
            "--map", "piles/own-pile", "--wait-s", "1"};

        OrderlyRun without = OrderlyRun.of(pile);
        assertThat(without.exit()).as(without.err()).isEqualTo(2);
        assertThat(without.err()).contains("--map piles/own-pile: no register map 'piles/own-pile'");

        String[] withConfig = java.util.stream.Stream.concat(java.util.Arrays.stream(pile),
                java.util.stream.Stream.of("--config", config.toString())).toArray(String[]::new);
        OrderlyRun with = OrderlyRun.of(withConfig);
        assertThat(with.out()).as(with.out() + with.err()).startsWith("register map 'piles/own-pile': " + own + ", your own");
        assertThat(with.exit()).as("nothing listens at the pile's port").isEqualTo(1);
    }

    @Test
    void checkConfigFindsAMapTheShippedSetLacksInDevicesBesideTheFile() throws Exception {
        Path own = ownMap("acme-x1");
        Path file = config("acme-x1", LoopbackPorts.free());

        OrderlyRun r = OrderlyRun.of("check-config", file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2).last().isEqualTo("register map 'acme-x1': " + own + ", your own");
    }

    /**
     * The installer's DTSU666 map with its words swapped, a configuration naming it, and pymodbus serving a meter it
     * fits.
     */
    private ModbusSim swappedMeterServed() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        servedMap = ownMap("chint-dtsu666");
        int port = LoopbackPorts.free();
        servedConfig = config("chint-dtsu666", port);
        return ModbusSim.tcp(python, dir, ModbusSim.units(1, RegisterMapLoader.load(servedMap)), port);
    }

    @Test
    void anOwnMapOfAShippedNameIsReadInItsPlaceBySelftestAndSaidByCheckConfig() throws Exception {
        try (ModbusSim sim = swappedMeterServed()) {
            OrderlyRun check = OrderlyRun.of("check-config", "--config", servedConfig.toString());
            assertThat(check.exit()).as(check.err()).isZero();
            assertThat(check.out().lines()).last()
                    .isEqualTo("register map 'chint-dtsu666': " + servedMap
                            + ", your own, in place of the shipped one");

            OrderlyRun selftest = OrderlyRun.of("selftest", "--config", servedConfig.toString(), "--wait-s", "1");
            assertThat(selftest.out()).as(selftest.err())
                    .containsPattern("transformer\\s+meter chint-dtsu666\\s+room unit 1"
                            + "\\s+PASS\\s+power.total.kw=2.50 voltage.a.v=230.50 frequency.hz=50.00");
        }
    }

    @Test
    void theGatewayReadsTheMeterThroughTheOwnMapInPlaceOfTheShippedOne() throws Exception {
        try (ModbusSim sim = swappedMeterServed()) {
            MapDirs maps = MapDirs.forConfig(servedConfig, DevicesOption.shipped());
            GatewayConfig c = ConfigLoader.load(servedConfig, maps);
            gateway = Gateway.start(c, dir, maps, Clock.systemUTC(), TimeScale.REAL, List::of, Startup.of("test"));

            OptionalDouble volts = OptionalDouble.empty();
            for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    volts.isEmpty() && System.nanoTime() < end; ) {
                volts = gateway.readings().latest("transformer").map(x -> x.value("voltage.a.v"))
                        .orElse(OptionalDouble.empty());
                Thread.sleep(50);
            }
            gateway.close(); // before the meter stops, so that the bus does not log it gone
            gateway = null;
            assertThat(volts).as("the transformer's reading").hasValue(230.5);
        }
    }

    @Test
    void orderlyRunSaysOnceWhichOwnMapItReadsInPlaceOfAShippedOne() throws Exception {
        Path own = ownMap("chint-dtsu666");
        Path file = config("chint-dtsu666", LoopbackPorts.free());

        ChildProcess child = orderly.start(dir, List.of("run", "--config", file.toString()));
        child.awaitLog("orderly run: gateway 'gw-own' started", Duration.ofSeconds(60));

        assertThat(child.log().lines().filter(l -> l.contains("register map 'chint-dtsu666'")))
                .singleElement().satisfies(l -> assertThat(l).contains(" INFO ")
                        .endsWith("register map 'chint-dtsu666': " + own + ", your own, in place of the shipped one"));
    }

    @Test
    void aBrokenOwnMapIsOneLineNamingItsFileAndLineAndStopsCheckConfig() throws Exception {
        Path own = ownMap("chint-dtsu666");
        Files.writeString(own, Files.readString(own).replace("  order: little\n", "  order: little\n  ordr: big\n"));
        Path file = config("chint-dtsu666", LoopbackPorts.free());

        OrderlyRun r = OrderlyRun.of("check-config", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.contains("register map"))).singleElement().asString()
                .startsWith(file + ":9:")
                .contains("register map 'chint-dtsu666' cannot be used for a meter: " + own + ":16: ");
    }

    @Test
    void devicesGivenAddsItsMapsToTheShippedOnesRatherThanReplacingThem() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("acme-x1.yaml"), Files.readString(SHIPPED.resolve("chint-dtsu666.yaml")));
        Path file = Files.writeString(dir.resolve("orderly.yaml"), Files.readString(config("chint-dtsu666", 5020))
                .replace("  transformer: { bus: room, unit: 1, map: chint-dtsu666 }",
                        "  transformer: { bus: room, unit: 1, map: chint-dtsu666 }\n"
                                + "  piles:\n    - { pile: p1, bus: room, unit: 2, map: acme-x1 }"));

        OrderlyRun r = OrderlyRun.of("check-config", "--devices", elsewhere.toString(), file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2).last()
                .isEqualTo("register map 'acme-x1': " + elsewhere.resolve("acme-x1.yaml") + ", your own");
    }
}
