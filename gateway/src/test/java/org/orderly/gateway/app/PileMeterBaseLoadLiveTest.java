package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.upstream.GridSide;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.web.alarm.AlarmBoard;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.web.view.Overview;
import org.orderly.gateway.web.view.OverviewBuilder;
import org.orderly.gateway.web.view.Today;
import org.orderly.testkit.Await;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.Mosquitto;

/**
 * The running gateway with a Modbus TCP pile whose map reads no power and the pile's own meter (an Eastron SDM120,
 * {@code meters.piles[]}) on the same bus, both served by Debian's pymodbus on 127.0.0.1; the transformer meter is
 * j2mod's slave, reading the households' 10 kW and the car's 6.6 kW. The pile meter's total is what the car draws: the
 * control cycle takes it off the transformer's total (the households' load, {@code base.kw}, is 10 kW), and the page
 * counts the draw as measured, and raises {@code PILE_NOT_FOLLOWING} once the car is given less than the meter reads
 * it drawing. Until 2026-12-04 the pile meter was polled for nothing: the pile drew 0, not measured,
 * and its car's 6.6 kW was the households'.
 */
@Timeout(120)
class PileMeterBaseLoadLiveTest {
    private static final double HOUSEHOLD_KW = 10;
    /** 30 A at 220 V: below the pile's 32 A, so that what the cycle takes off is not held to the offer. */
    private static final double METERED_KW = 6.6;
    private static final int PILE_UNIT = 20;
    private static final int PILE_METER_UNIT = 2;
    /** The pile map's limit register, mirrored into its offered current (a pile that offers what it is given). */
    private static final int LIMIT = 0x0100;
    private static final int OFFERED = 0x0201;

    @TempDir
    Path dir;

    @Test
    void aPowerlessPilesBusMeterMeasuresItsCarsDrawWhichIsNotTheHouseholds() throws Exception {
        Path devices = devices();
        int port = LoopbackPorts.free();
        try (TransformerMeterSlave meter = new TransformerMeterSlave();
             ChildProcess slave = pymodbus(devices, METERED_KW, port)) {
            meter.totalKw(HOUSEHOLD_KW + METERED_KW);
            GatewayConfig config = ConfigLoader.parse("live.yaml", yaml(meter.port, port), devices, dir);
            try (Gateway gateway = LiveRig.startGateway(config, dir, devices)) {
                offeredItsMost(gateway);
                // The pile's meter read after the offer, then the first cycle with a transformer reading taken after
                // that. A pile meter's reading serves for 3 s (staleAfterMs), and one 500 ms cycle does not make a poll
                // of the garage bus on a loaded machine, nor after a timeout and reconnect: without its reading the
                // car's draw is the households'. A draw first heard after the transformer's reading leaves that reading
                // unsure of it (HouseholdsBetween): a transformer reading after it settles it.
                Tick offeredAt = gateway.ticker().now();
                Await.until("the pile's meter read after the offer", Duration.ofSeconds(20), () -> gateway.readings()
                        .latest("pile-p0").filter(r -> offeredAt.isBefore(r.tick())).isPresent());
                CycleReadAfter heard = CycleReadAfter.watch(gateway.loop(),
                        gateway.readings().latest("pile-p0").orElseThrow().readAt());
                Await.until("a cycle with the transformer read after the pile meter", Duration.ofSeconds(20),
                        heard::seen);

                assertThat(heard.result().baseKw()).as("the households' load; slave log: %s", slave.log())
                        .isCloseTo(HOUSEHOLD_KW, within(0.05));
                AlarmBoard board = new AlarmBoard(gateway.store(), gateway.ticker());
                OverviewBuilder page = new OverviewBuilder(gateway, Clock.systemUTC(), board,
                        () -> new Today(0, 0, 0, 0), Optional::empty);
                Overview overview = page.build();
                assertThat(overview.piles().get(0).kw()).as("the pile's row").isCloseTo(METERED_KW, within(0.01));
                assertThat(overview.unmeasured()).as("plugged piles whose draw is not measured").isZero();
                assertThat(overview.evUnmeasuredKw()).isZero();
                assertThat(overview.baseBound()).as("the households measured, the car's draw known").isFalse();
                assertThat(overview.alarms()).as("following its 32 A").isEmpty();

                // The households rise to leave the car 4 kW: it is given less than the 30 A its meter goes on reading.
                meter.totalKw(36 + METERED_KW);
                Await.until("the pile given less than its car draws", Duration.ofSeconds(10),
                        () -> gateway.loop().lastResult().allocation().amps()[0] < 29);
                Await.until("PILE_NOT_FOLLOWING, from the pile meter's draw, after its 10 s hold",
                        Duration.ofSeconds(30), () -> page.build().alarms().stream().anyMatch(a ->
                                a.kind() == AlarmKind.PILE_NOT_FOLLOWING && a.clearedAt() == null));
            }
        }
    }

    /**
     * The same pile meter reading a gigawatt (a map of the wrong word order or scale reads so), more than the 32 A pile
     * can draw (9.6 kW at 300 V): no reading of the car's draw, the pile is as if its meter had not answered (its draw
     * not measured, the car's load left in the households'), said in one WARN, not one a poll. Until 2026-12-05 the
     * gigawatt was the car's draw, taken off the transformer's total.
     */
    @Test
    void aPileMeterReadingMoreThanItsPileCanDrawIsAsIfItHadNotAnswered() throws Exception {
        Path devices = devices();
        int port = LoopbackPorts.free();
        try (TransformerMeterSlave meter = new TransformerMeterSlave();
             ChildProcess slave = pymodbus(devices, 1.0E9, port);
             CapturedLog log = new CapturedLog()) {
            meter.totalKw(HOUSEHOLD_KW + METERED_KW);
            GatewayConfig config = ConfigLoader.parse("live.yaml", yaml(meter.port, port), devices, dir);
            try (Gateway gateway = LiveRig.startGateway(config, dir, devices)) {
                Await.until("the pile meter read and its reading refused", Duration.ofSeconds(30),
                        () -> !log.lines("WARN", "pile p0: its meter").isEmpty());
                CycleResult seen = gateway.loop().lastResult();
                // A later cycle with the transformer's reading in it: the pile meter may be refused before the
                // transformer meter's first reading arrives, and a cycle without one knows no households' load.
                Await.until("a later cycle with the transformer's reading", Duration.ofSeconds(10),
                        () -> gateway.loop().lastResult() != seen
                                && !Double.isNaN(gateway.loop().lastResult().baseKw()));

                assertThat(gateway.loop().lastResult().baseKw()).as("the car's draw left in the households' load, as a"
                        + " silent meter's is").isCloseTo(HOUSEHOLD_KW + METERED_KW, within(0.05));
                Overview overview = new OverviewBuilder(gateway, Clock.systemUTC(), new AlarmBoard(gateway.store(),
                        gateway.ticker()), () -> new Today(0, 0, 0, 0), Optional::empty).build();
                assertThat(overview.unmeasured()).as("plugged piles whose draw is not measured").isEqualTo(1);
                // Seen by more than one cycle by now: said once. (A float32 holds 1.0E12 W as 9.99999995904E11.)
                assertThat(log.lines("WARN", "pile p0: its meter pile-p0 reads power.total.kw = 9.99999995904E8 kW, more"
                        + " than the pile can draw (bound: 32 A on 1 phase at 300 V is 9.6 kW)", "word order")).hasSize(1);
            }
        }
    }

    /**
     * The same pile without its meter, the gateway reporting to a real Mosquitto: the car's 6.6 kW, which the pile does
     * not say, is counted in the households' load, and telemetry says that load is an upper bound ({@code baseBound}),
     * as the page does. Until 2026-12-06 the bound went out as {@code baseKw} like any measurement.
     */
    @Test
    void aPileThatDoesNotSayItsDrawMakesTheHouseholdsABoundUpstreamAndOnThePage() throws Exception {
        Path devices = devices();
        int port = LoopbackPorts.free();
        try (TransformerMeterSlave meter = new TransformerMeterSlave();
             ChildProcess slave = pymodbus(devices, METERED_KW, port);
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), "gw-test")) {
            meter.totalKw(HOUSEHOLD_KW + METERED_KW);
            GatewayConfig config = ConfigLoader.parse("live.yaml", yaml(meter.port, port, "", """
                    upstream:
                      broker: %s
                      plaintext: true
                      telemetryPeriodMs: 250
                    """.formatted(broker.url())), devices, dir);
            try (Gateway gateway = LiveRig.startGateway(config, dir, devices)) {
                // Offered its 32 A, its car may draw: a bound from the next cycle, while it is (a pile given nothing has
                // a car that draws nothing, as far as the cycle goes, and the households are measured again).
                CycleResult offer = offeredItsMost(gateway);
                Await.until("a cycle on that offer", Duration.ofSeconds(10), () -> gateway.loop().lastResult() != offer);
                Instant offered = Instant.now();
                JsonNode t = grid.await(r -> r.topic().endsWith("/telemetry") && r.json().path("baseKw").isNumber()
                        && Instant.parse(r.json().path("ts").asText()).isAfter(offered), 30_000).json();

                assertThat(t.path("baseKw").asDouble()).as("the car's draw in the households' load: %s", t)
                        .isCloseTo(HOUSEHOLD_KW + METERED_KW, within(0.05));
                assertThat(t.path("baseBound").isBoolean() && t.path("baseBound").asBoolean())
                        .as("said an upper bound: %s", t).isTrue();
                Overview overview = new OverviewBuilder(gateway, Clock.systemUTC(), new AlarmBoard(gateway.store(),
                        gateway.ticker()), () -> new Today(0, 0, 0, 0), Optional::empty).build();
                assertThat(overview.baseBound()).as("the page's households, %s kW", overview.baseKw()).isTrue();
            }
        }
    }

    /** Once the pile's session is open, its car declared: the cycle that first offered it its 32 A. */
    private static CycleResult offeredItsMost(Gateway gateway) throws InterruptedException {
        Await.until("the pile's session open", Duration.ofSeconds(20), () -> {
            CycleResult last = gateway.loop().lastResult();
            return last != null && last.plugged().size() == 1;
        });
        gateway.loop().declare(0, new Declaration(Instant.now().plus(Duration.ofHours(1)), 40));
        Await.until("the pile offered its 32 A", Duration.ofSeconds(30),
                () -> gateway.loop().lastResult().allocation().amps()[0] > 31);
        return gateway.loop().lastResult();
    }

    /** Debian's pymodbus serving the pile and its meter reading {@code meteredKw} on {@code port}, once it listens. */
    private ChildProcess pymodbus(Path devices, double meteredKw, int port) throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        ChildProcess slave = ChildProcess.start("pymodbus pile and pile meter", List.of(python, script().toString(),
                spec(devices, meteredKw).toString(), "tcp", Integer.toString(port)), dir.resolve("slave.log"));
        try {
            slave.awaitTcp(port, Duration.ofSeconds(20));
        } catch (Exception | AssertionError e) {
            slave.close();
            throw e;
        }
        return slave;
    }

    private String yaml(int transformerPort, int pilePort) {
        return yaml(transformerPort, pilePort, """
                  piles:
                    - { pile: p0, bus: garage, unit: %d, map: eastron-sdm120 }
                """.formatted(PILE_METER_UNIT), "");
    }

    /** The pile and the transformer meter, {@code pileMeters} under {@code meters:}, and {@code more} at the end. */
    private String yaml(int transformerPort, int pilePort, String pileMeters, String more) {
        return """
                gatewayId: gw-test
                compound:
                  transformer: { limitKw: 40, phaseVoltageV: 220 }
                  piles:
                    - { id: p0, phase: A, maxA: 32, driver: { modbus: { bus: garage, unit: %d, map: piles/powerless-pile } } }
                meters:
                  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                %sbuses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { gapMs: 0, timeoutMs: 200, retries: 0 } }
                  - { name: garage, tcp: { host: 127.0.0.1, port: %d }, timing: { gapMs: 0, timeoutMs: 200, retries: 0 } }
                control: { periodMs: 500, staleAfterMs: 3000 }
                store: { path: orderly.db }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                %s""".formatted(PILE_UNIT, pileMeters, transformerPort, pilePort, more);
    }

    /** The shipped meter maps, and a pile map as the shipped template but without a power register. */
    private Path devices() throws Exception {
        Path shipped = LiveRig.devices();
        Path devices = Files.createDirectories(dir.resolve("devices").resolve("piles")).getParent();
        for (String map : List.of("eastron-sdm630", "eastron-sdm120")) {
            Files.copy(shipped.resolve(map + ".yaml"), devices.resolve(map + ".yaml"));
        }
        String pile = Files.readString(shipped.resolve("piles").resolve("generic-pile.yaml"));
        String powerless = pile.lines().filter(l -> !l.contains("power.total.kw")).collect(Collectors.joining("\n"));
        assertThat(powerless).isNotEqualTo(pile).contains("state.code");
        Files.writeString(devices.resolve("piles").resolve("powerless-pile.yaml"), powerless + "\n");
        return devices;
    }

    private Path script() throws Exception {
        Path script = dir.resolve("modbus_slave.py");
        try (InputStream in = PileMeterBaseLoadLiveTest.class.getResourceAsStream("/field/modbus_slave.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /**
     * The pile, in state C (charging), its writable registers 0 until the gateway writes them, and its meter reading
     * {@code meteredKw} (the SDM120's power in W), every other point of its map a plausible figure.
     */
    private Path spec(Path devices, double meteredKw) throws Exception {
        String pile = String.join(", ",
                entry(3, 0x0200, "uint16", 3),             // state.code: C
                entry(3, OFFERED, "uint16", 0),            // current.offered.a, x0.1 A: mirrors the limit
                entry(3, 0x0204, "uint32", 0),             // energy.session.kwh
                entry(3, LIMIT, "uint16", 0), entry(3, 0x0101, "uint16", 0), entry(3, 0x0102, "uint16", 0));
        RegisterMap sdm120 = RegisterMapLoader.load(devices.resolve("eastron-sdm120.yaml"));
        Map<String, Double> reads = Map.of("voltage.v", 220.0, "current.a", 30.0,
                MeterQuantities.TOTAL_POWER, meteredKw, "frequency.hz", 50.0, "energy.import.kwh", 1234.5,
                "energy.export.kwh", 0.0);
        String pileMeter = sdm120.points().stream()
                .map(p -> entry(p.function().code(), p.address(), "float32", reads.get(p.quantity()) / p.scale()))
                .collect(Collectors.joining(", "));
        assertThat(sdm120.points()).extracting(RegisterPoint::quantity)
                .containsExactlyInAnyOrderElementsOf(reads.keySet());
        String json = "{\"units\": {\"%d\": [%s], \"%d\": [%s]}, \"mirror\": {\"%d\": [%d, %d]}}"
                .formatted(PILE_UNIT, pile, PILE_METER_UNIT, pileMeter, PILE_UNIT, LIMIT, OFFERED);
        return Files.writeString(dir.resolve("slave.json"), json);
    }

    private static String entry(int function, int address, String type, double raw) {
        return String.format(Locale.ROOT, "{\"function\": %d, \"address\": %d, \"type\": \"%s\", \"order\": \"big\", "
                + "\"raw\": %s}", function, address, type, Double.toString(raw));
    }
}
