package org.orderly.gateway.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import org.orderly.gateway.core.time.TimeScale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.core.policy.PileReason;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * A gateway against real peers on 127.0.0.1: {@code n} firmware-bridges with cars plugged in and an SDM630 slave
 * whose total is kept at the household load plus what the bridges' cars draw (updated every 10 ms).
 */
public final class LiveRig implements AutoCloseable {
    static final double LIMIT_KW = 40;
    static final int PERIOD_MS = 250;
    static final int STALE_MS = 750;
    static final double SAFE_EV_KW = 6;
    /** Not the default (1.8), so that a test can tell the configured price reached the planner. */
    static final double MISSED_KWH_PRICE = 2.5;
    /**
     * How long a test gives the bridges to have what a cycle offered them. What a cycle offers is the gateway's and is
     * asserted of the cycle; its way to the bridges is CoAP's: a {@code PUT /limit} left unanswered (a bridge's thread,
     * or the driver's, not run for a while on a loaded machine) fails after the driver's request timeout (2 s) and is
     * sent again from the next cycle, and a bridge never reached falls back on its own when its lease lapses (30 s).
     * Until 2026-12-06 such waits gave it 2 to 5 s, less than one timed-out PUT and the next.
     */
    static final Duration BRIDGES_HAVE_IT = Duration.ofSeconds(30);
    public static final String FLAT_TARIFF = "tariff:\n  periods: [ { from: \"00:00\", to: \"24:00\", price: 0.5 } ]\n";

    public final List<TestBridge> bridges = new ArrayList<>();
    public final TransformerMeterSlave meter;
    /** The running gateway; another one after {@link #restartGateway()}. */
    public volatile Gateway gateway;
    private final GatewayConfig config;
    /** The shipped register maps, and the rig's own where it has a Modbus pile ({@link BridgeMaker}). */
    private final MapDirs maps;
    private final Path dir;
    private final Supplier<List<GridCap>> caps;
    private final Supplier<Context> gpio;
    /** The gateway's wall clock. */
    final Clock clock;
    private volatile boolean gatewayStopped;
    private volatile double householdKw;
    /** The meter's CT fitted the wrong way round: it reads the compound's power negated. */
    private volatile boolean ctReversed;
    /** What the meter's total reads of the compound's power: 1, or a scale gone wrong (0.001: a thousandth). */
    private volatile double reads = 1;
    /** The transformer's line limit and the households' current on each line; null: neither, the meter reads a total. */
    private volatile Lines lines;
    /** The line whose current and power the meter reads as no number (a block the map reads that came back NaN); 0: none. */
    private volatile char lineLost;
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();

    LiveRig(int piles, double householdKw, Path dir) throws Exception {
        this(piles, householdKw, dir, FLAT_TARIFF, "");
    }

    /** With {@code extraYaml} appended to the configuration and {@code gpio} as the load-control contact's GPIO. */
    LiveRig(int piles, double householdKw, Path dir, String extraYaml, Supplier<Context> gpio) throws Exception {
        this(piles, householdKw, dir, FLAT_TARIFF, extraYaml, List::of, gpio, TestBridge::new);
    }

    /** @param upstreamYaml an {@code upstream:} section, or "" */
    LiveRig(int piles, double householdKw, Path dir, String upstreamYaml) throws Exception {
        this(piles, householdKw, dir, FLAT_TARIFF, upstreamYaml);
    }

    /**
     * With another tariff section and more top-level YAML (a {@code web:} section, say).
     *
     * @param tariffYaml the whole {@code tariff:} section
     * @param extraYaml  further top-level sections, appended as they are
     */
    public LiveRig(int piles, double householdKw, Path dir, String tariffYaml, String extraYaml) throws Exception {
        this(piles, householdKw, dir, tariffYaml, extraYaml, List::of);
    }

    /** With the grid caps the gateway is given (as the upstream link would give them). */
    public LiveRig(int piles, double householdKw, Path dir, String tariffYaml, String extraYaml,
                   Supplier<List<GridCap>> caps) throws Exception {
        this(piles, householdKw, dir, tariffYaml, extraYaml, caps, Pi4J::newAutoContext, TestBridge::new);
    }

    /** An {@code upstream:} section for {@code brokerUrl} without TLS, as for a broker on 127.0.0.1. */
    static String plaintextUpstream(String brokerUrl) {
        return """
                upstream:
                  broker: %s
                  plaintext: true
                """.formatted(brokerUrl);
    }

    /** {@link #plaintextUpstream} with telemetry every 250 ms, for a test that reads what the grid is told as it changes. */
    static String upstreamEveryQuarterSecond(String brokerUrl) {
        return plaintextUpstream(brokerUrl) + "  telemetryPeriodMs: 250\n";
    }

    /** With cars plugged in full: they draw nothing, so the piles' session counters stay at 0. */
    static LiveRig withFullCars(int piles, Path dir) throws Exception {
        return new LiveRig(piles, 8, dir, FLAT_TARIFF, "", List::of, Pi4J::newAutoContext, id -> new TestBridge(id, 1.0));
    }

    /** With the bridge of each pile made by {@code bridge} (from its id, "p0", "p1", ...): a metered one, say. */
    public LiveRig(int piles, double householdKw, Path dir, String tariffYaml, String extraYaml,
                   Supplier<List<GridCap>> caps, BridgeMaker bridge) throws Exception {
        this(piles, householdKw, dir, tariffYaml, extraYaml, caps, Pi4J::newAutoContext, bridge);
    }

    /**
     * Makes the bridge of the pile with this id; or none (null): the pile is then a Modbus pile on the meter's bus
     * ({@link TransformerMeterSlave#PILE_UNIT}, one such pile at most), its car charging, on the generic pile map
     * without its power register: a pile that cannot say what its car draws.
     */
    @FunctionalInterface
    public interface BridgeMaker {
        TestBridge make(String pileId) throws Exception;
    }

    /** The rig's own map of its Modbus pile: the shipped generic pile's, without its power register. */
    private static final String NO_POWER_PILE = "piles/generic-pile-without-power";

    /** With its wall clock: one a test sets, say, as a box without a battery-backed clock starts at 1970. */
    static LiveRig withClock(int piles, Path dir, Clock clock) throws Exception {
        return new LiveRig(piles, 8, dir, FLAT_TARIFF, "", List::of, Pi4J::newAutoContext, TestBridge::new, clock, null,
                null);
    }

    /** With its wall clock, another tariff section and more top-level YAML (an {@code upstream:} section, say). */
    static LiveRig withClock(int piles, Path dir, Clock clock, String tariffYaml, String extraYaml) throws Exception {
        return new LiveRig(piles, 8, dir, tariffYaml, extraYaml, List::of, Pi4J::newAutoContext, TestBridge::new, clock,
                null, null);
    }

    /**
     * The bridges' lease ({@code ttlSeconds}) and the time a pile may go unheard ({@code control.pileOfflineAfterMs}).
     * A test of a stopped bridge takes {@link #QUICK}: the gateway's checks and drivers as configured, but not the
     * defaults' 30 s and 70 s to wait out.
     */
    public record Offline(int ttlSeconds, int pileOfflineAfterMs) {
        /** A 9 s lease, renewed every 3 s, and 12 s unheard: the least the configuration allows for it is 9 s. */
        public static final Offline QUICK = new Offline(9, 12_000);

        public Duration ttl() {
            return Duration.ofSeconds(ttlSeconds);
        }

        public Duration pileOfflineAfter() {
            return Duration.ofMillis(pileOfflineAfterMs);
        }
    }

    /** With the bridges' lease and the time a pile may go unheard set to {@code offline}. */
    public LiveRig(int piles, double householdKw, Path dir, String tariffYaml, String extraYaml,
                   Supplier<List<GridCap>> caps, BridgeMaker bridge, Offline offline) throws Exception {
        this(piles, householdKw, dir, tariffYaml, extraYaml, caps, Pi4J::newAutoContext, bridge, Clock.systemUTC(),
                offline, null);
    }

    /** With a flat tariff and the bridges' lease and the time a pile may go unheard set to {@code offline}. */
    static LiveRig withOffline(int piles, double householdKw, Path dir, Offline offline) throws Exception {
        return new LiveRig(piles, householdKw, dir, FLAT_TARIFF, "", List::of, TestBridge::new, offline);
    }

    private LiveRig(int piles, double householdKw, Path dir, String tariffYaml, String extraYaml,
                    Supplier<List<GridCap>> caps, Supplier<Context> gpio, BridgeMaker bridge) throws Exception {
        this(piles, householdKw, dir, tariffYaml, extraYaml, caps, gpio, bridge, Clock.systemUTC(), null, null);
    }

    /**
     * The transformer's limit of each line ({@code phaseLimitA}) and what the households draw on each, in A: the meter
     * then reads each line's current (and power, at 220 V) as the households' on it plus the current of the piles on
     * it, and its total as the lines' sum.
     */
    public record Lines(double phaseLimitA, double householdA, double householdB, double householdC) {
        double household(int line) {
            return line == 0 ? householdA : line == 1 ? householdB : householdC;
        }

        Lines withHousehold(char line, double amps) {
            return new Lines(phaseLimitA, line == 'A' ? amps : householdA, line == 'B' ? amps : householdB,
                    line == 'C' ? amps : householdC);
        }
    }

    /** With a flat tariff, a line limit and the households' current on each line ({@link Lines}). */
    public static LiveRig withLines(int piles, Path dir, Lines lines, String extraYaml) throws Exception {
        return new LiveRig(piles, dir, FLAT_TARIFF, extraYaml, List::of, TestBridge::new, null, lines);
    }

    /** With all of the above; {@code offline} and {@code lines} may be null (the defaults; no line limit). */
    public LiveRig(int piles, Path dir, String tariffYaml, String extraYaml, Supplier<List<GridCap>> caps,
                   BridgeMaker bridge, Offline offline, Lines lines) throws Exception {
        this(piles, lines == null ? 8 : 0, dir, tariffYaml, extraYaml, caps, Pi4J::newAutoContext, bridge,
                Clock.systemUTC(), offline, lines);
    }

    /**
     * @param offline the bridges' lease and the time a pile may go unheard; null: the configuration's defaults
     * @param lines   the line limit and the households on each line; null: none, the meter reads a total only
     */
    private LiveRig(int piles, double householdKw, Path dir, String tariffYaml, String extraYaml,
                    Supplier<List<GridCap>> caps, Supplier<Context> gpio, BridgeMaker bridge, Clock clock,
                    Offline offline, Lines lines) throws Exception {
        this.householdKw = householdKw;
        this.lines = lines;
        this.clock = clock;
        this.dir = dir;
        this.caps = caps;
        this.gpio = gpio;
        meter = new TransformerMeterSlave();
        try {
            String yaml = yaml(piles, tariffYaml, extraYaml, bridge, offline);
            feed();
            feeder.scheduleAtFixedRate(this::feed, 10, 10, TimeUnit.MILLISECONDS);
            Path own = dir.resolve("rig-maps");
            maps = Files.isDirectory(own) ? new MapDirs(Optional.of(own), devices()) : MapDirs.shipped(devices());
            this.config = ConfigLoader.parse("live.yaml", yaml, maps, dir);
            gateway = start();
        } catch (Throwable failed) {
            // The test never gets a rig to close: what was started would run on, holding its ports and threads.
            try {
                feeder.shutdownNow();
                closePeers();
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
    }

    /** The configuration, making the bridge of each pile on the way. */
    private String yaml(int piles, String tariffYaml, String extraYaml, BridgeMaker bridge, Offline offline)
            throws Exception {
        String ttl = offline == null ? "" : ", ttlSeconds: " + offline.ttlSeconds();
        String unheard = offline == null ? "" : ", pileOfflineAfterMs: " + offline.pileOfflineAfterMs();
        StringBuilder yaml = new StringBuilder("""
                gatewayId: gw-test
                compound:
                  transformer: { limitKw: %s%s, phaseVoltageV: 220 }
                  piles:
                """.formatted(LIMIT_KW, lines == null ? "" : ", phaseLimitA: " + lines.phaseLimitA()));
        for (int i = 0; i < piles; i++) {
            TestBridge b = bridge.make("p" + i);
            if (b == null) {
                yaml.append(modbusPile(i));
                continue;
            }
            bridges.add(b);
            yaml.append("    - { id: p%d, phase: %s, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true%s } } }\n"
                    .formatted(i, "ABC".charAt(i % 3), b.port(), ttl));
        }
        yaml.append("""
                meters:
                  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { gapMs: 0, timeoutMs: 100, retries: 0 } }
                control: { periodMs: %d, staleAfterMs: %d, safeEvKw: %s, missedKWhPrice: %s%s }
                store: { path: orderly.db }
                """.formatted(meter.port, PERIOD_MS, STALE_MS, SAFE_EV_KW, MISSED_KWH_PRICE, unheard)).append(tariffYaml)
                .append(extraYaml);
        return yaml.toString();
    }

    private Gateway start() throws Exception {
        return Gateway.start(config, dir, maps, clock, TimeScale.REAL, caps, gpio, Startup.of("gateway " + config.gatewayId()));
    }

    /** A gateway of {@code config} started as {@code orderly run} starts one, on the register maps in {@code devices}. */
    static Gateway startGateway(GatewayConfig config, Path dir, Path devices) throws Exception {
        return Gateway.start(config, dir, devices, Clock.systemUTC(), TimeScale.REAL, List::of,
                Startup.of("gateway " + config.gatewayId()));
    }

    /** Pile {@code i} as a Modbus pile on the meter's bus, its map without a power register written to the rig's own. */
    private String modbusPile(int i) throws Exception {
        Path shipped = devices().resolve("piles/generic-pile.yaml");
        Path map = dir.resolve("rig-maps").resolve(NO_POWER_PILE + ".yaml");
        Files.createDirectories(map.getParent());
        String withoutPower = Files.readString(shipped).lines().filter(l -> !l.contains("quantity: power.total.kw"))
                .reduce("", (a, l) -> a + l + "\n");
        Files.writeString(map, withoutPower);
        return "    - { id: p%d, phase: %s, maxA: 32, driver: { modbus: { bus: room, unit: %d, map: %s } } }\n"
                .formatted(i, "ABC".charAt(i % 3), TransformerMeterSlave.PILE_UNIT, NO_POWER_PILE);
    }

    /** Stops the gateway as a restart for an upgrade does; the bridges, their cars and the meter go on. */
    public void stopGateway() {
        gatewayStopped = true;
        gateway.close();
    }

    /** Starts a gateway again with the same configuration and store file, after {@link #stopGateway()}. */
    public void restartGateway() throws Exception {
        gateway = start();
        gatewayStopped = false;
    }

    public void householdKw(double kw) {
        householdKw = kw;
        feed();
    }

    /** Fits the transformer meter's CT the wrong way round (true) or the right way (false). */
    public void ctReversed(boolean reversed) {
        ctReversed = reversed;
        feed();
    }

    /** Makes the transformer meter's total read {@code share} of the compound's power (1: as it is). */
    public void totalReads(double share) {
        reads = share;
        feed();
    }

    public double householdKw() {
        return householdKw;
    }

    public double evKw() {
        return bridges.stream().mapToDouble(TestBridge::powerKw).sum();
    }

    /**
     * Every bridge holds the gateway's lease and the control loop has opened a session on every pile, so a declaration
     * now reaches each car. Current is no sign of it: a new car is not charged before its plan has it charge, and on
     * a flat tariff the plan may spread the cars' energy over the night.
     */
    public boolean everySessionOpen() {
        // The control loop publishes each cycle's result for other threads; the policy itself is the loop's alone.
        CycleResult last = gateway.loop().lastResult();
        // A pile not heard from yet is offline, not NONE: its session opens only once it has reported.
        return last != null && bridges.stream().allMatch(TestBridge::leased) && last.reasons().size() == bridges.size()
                && last.reasons().stream().noneMatch(r -> r == PileReason.NONE || r == PileReason.PILE_OFFLINE)
                && last.plugged().size() == bridges.size();
    }

    /** The session the control loop's last cycle had open on pile {@code pile}; empty before the first cycle, or none. */
    public Optional<PluggedSession> openSession(int pile) {
        CycleResult last = gateway.loop().lastResult();
        return last == null ? Optional.empty() : last.plugged().stream().filter(s -> s.pileIndex() == pile).findFirst();
    }

    /** The EV power the bridges' applied limits allow (A x 220 V each). */
    double offeredKw() {
        return bridges.stream().mapToDouble(b -> b.ampsOffered() * 0.22).sum();
    }

    /** Sets the households' current on {@code line} ('A', 'B' or 'C'), with {@link #withLines}. */
    public void householdAmps(char line, double amps) {
        lines = lines.withHousehold(line, amps);
        feed();
    }

    /**
     * Makes the meter read {@code line}'s current and power ('A', 'B' or 'C') as no number, its total still the
     * compound's, with {@link #withLines}: a reading lacking a line its map reads; 0 reads every line again.
     */
    public void loseLine(char line) {
        lineLost = line;
        feed();
    }

    /** What the meter reads on each line now (households and piles), in A, with {@link #withLines}. */
    public double lineAmps(char line) {
        int l = line - 'A';
        double amps = lines.household(l);
        for (int i = l; i < bridges.size(); i += 3) {
            amps += bridges.get(i).powerKw() / 0.22;
        }
        return amps;
    }

    private synchronized void feed() {
        if (lines != null) {
            double kw = 0;
            for (char line = 'A'; line <= 'C'; line++) {
                double amps = lineAmps(line);
                meter.phaseAmps(line, line == lineLost ? Double.NaN : amps);
                meter.phaseKw(line, line == lineLost ? Double.NaN : amps * 0.22);
                kw += amps * 0.22;
            }
            meter.totalKw(kw);
            return;
        }
        double kw = (householdKw + evKw()) * reads;
        meter.totalKw(ctReversed ? -kw : kw);
    }

    public static Path devices() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config").resolve("devices");
            if (candidate.resolve("eastron-sdm630.yaml").toFile().isFile()) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/devices not found above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        feeder.shutdownNow();
        if (!gatewayStopped) {
            gateway.close();
        }
        closePeers();
    }

    /** Stops the meter and the bridges. */
    private void closePeers() {
        meter.close();
        bridges.forEach(TestBridge::close);
    }
}
