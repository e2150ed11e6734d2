package org.orderly.tools.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.bridge.lease.ElapsedTime;
import org.orderly.bridge.pile.ElapsedClock;
import org.orderly.gateway.app.DeclarationEvent;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.app.Startup;
import org.orderly.gateway.app.config.BusConfig;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.config.StoreConfig;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: the compound of a demo configuration simulated on loopback (a real Modbus TCP transformer
 * meter whose total is the households' daily profile plus what the cars draw, and whose other points read as on a
 * live supply ({@link LiveSupply}); a real firmware-bridge per pile with
 * cars arriving and leaving) and the real {@link Gateway} driving it, storing into {@code dataDir}.
 */
public final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final long STATUS_EVERY_S = 60;
    /** Who a demo resident's declaration is by, in its event. */
    static final String RESIDENT = "resident";

    private final List<DemoPile> piles = new ArrayList<>();
    private final ScheduledExecutorService sim = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "orderly-demo-sim");
        t.setDaemon(true);
        return t;
    });
    private final Startup parts;
    private MeterServer meter;
    private volatile Gateway gateway;
    private DemoBroker broker;
    private String mqttUrl;
    private UpstreamSettings upstream;

    private Demo(Startup parts) {
        this.parts = parts;
    }

    /** Starts the simulated compound and the gateway; prints what runs where. */
    public static Demo start(GatewayConfig config, Path devicesDir, Path dataDir, Clock clock, PrintWriter out)
            throws Exception {
        return start(config, devicesDir, dataDir, clock, TimeScale.REAL, out, true);
    }

    /**
     * Starts the simulated compound and, if {@code withGateway}, the gateway; without it the peers wait for a gateway
     * started elsewhere on the same configuration ({@code orderly run --config}), e.g. to measure it in its own JVM.
     * The simulated world (households, cars, tariff, plans) runs at {@code scale}; the wall clock {@code clock}
     * paces the control period, meter polls and pile leases.
     */
    public static Demo start(GatewayConfig config, Path devicesDir, Path dataDir, Clock clock, TimeScale scale,
                             PrintWriter out, boolean withGateway) throws Exception {
        return start(config, devicesDir, dataDir, clock, scale, out, withGateway, new DemoMqtt.Embedded(0));
    }

    /** As above, with the MQTT broker the gateway reports to: the embedded one on a given port, or an external one. */
    public static Demo start(GatewayConfig config, Path devicesDir, Path dataDir, Clock clock, TimeScale scale,
                             PrintWriter out, boolean withGateway, DemoMqtt mqtt) throws Exception {
        return start(config, MapDirs.shipped(devicesDir), dataDir, clock, scale, out, withGateway, mqtt, Startup.of("demo"),
                null);
    }

    /**
     * As above, each part (broker, meter, bridges, simulation, the gateway's parts) started in {@code startup}, so
     * that a shutdown during start-up closes those started, last started first. Says the start-up is complete just
     * before it prints what runs. {@code configFile}, the file {@code given} was read from, is the one a demo without
     * its gateway tells the user to run one on ({@code orderly run --config FILE} when null).
     */
    public static Demo start(GatewayConfig given, MapDirs devicesDir, Path dataDir, Clock clock, TimeScale asked,
                             PrintWriter out, boolean withGateway, DemoMqtt mqtt, Startup startup, Path configFile)
            throws Exception {
        Demo demo = new Demo(startup.child("demo"));
        // A sped-up world goes on after what its store holds, rather than live through those times again.
        TimeScale scale = withGateway ? resumed(asked, store(dataDir, asked)) : asked;
        GatewayConfig config = withGateway ? given.withGatewayId(gatewayId(given.gatewayId(), scale)) : given;
        try {
            demo.startMqtt(mqtt, dataDir, config.gatewayId());
            demo.startPeers(config, devicesDir, clock, scale);
            // The demo's broker replaces any upstream section of the configuration: the gateway reports there.
            GatewayConfig local = withStore(config, store(dataDir, scale)).withUpstream(demo.upstream);
            if (withGateway) {
                demo.gateway = Gateway.start(local, dataDir, devicesDir, clock, scale, List::of, demo.parts);
            }
            // Nothing is said to run that a shutdown is closing.
            startup.complete();
            out.printf("orderly demo: %s '%s', %d piles, transformer %.0f kW, control period %d ms%n",
                    withGateway ? "gateway" : "peers only, for gateway", config.gatewayId(), demo.piles.size(),
                    config.transformer().limitKw(), config.control().periodMs());
            out.printf("  transformer meter: Modbus TCP 127.0.0.1:%d unit %d (%s)%n", demo.meter.port(),
                    config.transformerMeter().unit(), config.transformerMeter().map());
            out.printf("  piles: firmware-bridges, plain CoAP on 127.0.0.1 ports %d..%d%n",
                    demo.piles.get(0).port(), demo.piles.get(demo.piles.size() - 1).port());
            if (!scale.isReal()) {
                out.println("  " + timeLine(scale.speed()));
            }
            if (!scale.worldOrigin().equals(asked.worldOrigin())) {
                out.println("  " + resumedLine(scale.worldOrigin(), config.zone(), store(dataDir, asked)));
            }
            out.printf("  MQTT: %s, topic root orderly/v1/%s/%s%n", demo.mqttUrl, config.gatewayId(),
                    demo.broker != null ? " (embedded Moquette, MQTT 3.1.1)" : "");
            if (withGateway) {
                out.printf("  the gateway reports there over %s (state, telemetry, plans, events, sessions; grid caps"
                        + " on cmd/cap)%n", demo.upstream.protocol() == MqttProtocol.MQTT311 ? "MQTT 3.1.1" : "MQTT v5");
            }
            if (withGateway) {
                out.printf("  data: %s%n", local.store().path().toAbsolutePath());
                demo.gateway.web().ifPresent(web -> {
                    out.printf("  local page: %s%n", web.url());
                    if (web.setupUrl() != null) {
                        out.printf("  first start: set the installer's password once at %s%n", web.setupUrl());
                    }
                });
            } else {
                out.println("  no gateway: start one on this compound's configuration (orderly run --config "
                        + (configFile != null ? configFile : "FILE") + ")");
                out.println("  " + whereItReports(config, demo.mqttUrl, demo.upstream.protocol()));
            }
            out.println("  stop with Ctrl-C");
            out.flush();
            return demo;
        } catch (Startup.Stopped e) {
            throw e; // the stop closes what has started
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    private void startMqtt(DemoMqtt mqtt, Path dataDir, String gatewayId) throws java.io.IOException {
        if (mqtt instanceof DemoMqtt.Embedded e) {
            try (Startup.Step step = parts.begin("MQTT broker")) {
                broker = step.started(DemoBroker.start(DemoMqtt.Embedded.HOST, e.port(), dataDir.resolve("broker")));
            }
            mqttUrl = broker.url();
            upstream = DemoMqtt.Embedded.upstream(broker, gatewayId);
        } else if (mqtt instanceof DemoMqtt.External x) {
            mqttUrl = x.url();
            upstream = x.upstream(gatewayId);
        }
    }

    private void startPeers(GatewayConfig config, MapDirs devicesDir, Clock clock, TimeScale scale) throws Exception {
        Clock world = scale.worldClock(clock, Ticker.SYSTEM);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        BusConfig bus = config.bus(config.transformerMeter().bus());
        if (!(bus.endpoint() instanceof BusEndpoint.Tcp tcp)) {
            throw new IllegalArgumentException("the transformer meter's bus '" + bus.name() + "' must be Modbus TCP");
        }
        List<org.orderly.gateway.app.config.PileDriver.Coap> drivers = new ArrayList<>();
        for (PileConfig p : config.piles()) {
            if (!(p.driver() instanceof org.orderly.gateway.app.config.PileDriver.Coap c) || !c.plain()) {
                throw new IllegalArgumentException("pile " + p.pile().id() + " must use plain CoAP");
            }
            drivers.add(c);
        }
        try (Startup.Step step = parts.begin("transformer meter")) {
            RegisterMap map = RegisterMapLoader.load(devicesDir.file(config.transformerMeter().map()));
            try {
                meter = step.started(new MeterServer(loopback, tcp.port(), config.transformerMeter().unit(), map));
            } catch (IOException e) {
                // the bind's own words ("Address already in use"), as DemoPorts says a port taken before the start
                throw new PeerPortTaken(PeerPortTaken.Peer.METER, "transformer meter: cannot serve Modbus TCP on "
                        + loopback.getHostAddress() + ":" + tcp.port() + " (" + e.getMessage() + ")", e);
            }
        }
        try (Startup.Step step = parts.begin("firmware-bridges")) {
            try {
                for (int i = 0; i < drivers.size(); i++) {
                    piles.add(new DemoPile(config.piles().get(i).pile().id(), config.piles().get(i).pile().phase(),
                            loopback, drivers.get(i).port(), clock, carClock(clock, scale, world), sim,
                            Duration.ofSeconds(1)));
                }
            } catch (PeerPortTaken | RuntimeException e) {
                // the bridges started so far tick on the simulation's threads, which no part closes yet
                piles.forEach(DemoPile::close);
                sim.shutdownNow();
                throw e;
            }
            step.started(piles, all -> all.forEach(DemoPile::close));
        }
        HouseholdProfile households = new HouseholdProfile(config.transformer().limitKw(), config.zone());
        // A residential compound's evening arrivals and morning departures, in the compound's local time.
        VehicleTraffic traffic = new VehicleTraffic(piles, 42, config.zone());
        traffic.start(world.instant());
        LiveSupply supply = new LiveSupply(config.transformer().phaseVoltageV());
        try (Startup.Step step = parts.begin("simulation")) {
            // Fed once before start returns, so even a command run right after it reads a live supply.
            feedMeter(households, supply, world);
            sim.scheduleAtFixedRate(() -> feedMeter(households, supply, world), 200, 200, TimeUnit.MILLISECONDS);
            sim.scheduleAtFixedRate(() -> stepTraffic(traffic, world), 1, 1, TimeUnit.SECONDS);
            sim.scheduleAtFixedRate(this::declare, 1, 1, TimeUnit.SECONDS);
            sim.scheduleAtFixedRate(this::logStatus, STATUS_EVERY_S, STATUS_EVERY_S, TimeUnit.SECONDS);
            step.started(sim, ScheduledExecutorService::shutdownNow);
        }
    }


    /**
     * What the start-up says of a sped-up world's time, the speed and the day's length to 0.1 as they are (until
     * 2026-12-03 rounded to whole numbers: {@code --speed 1.5} said 2x, {@code --speed 300} a day in 5 minutes).
     */
    static String timeLine(double speed) {
        return "time: the compound's day runs " + tenths(speed) + "x real time (a day in " + tenths(24 * 60 / speed)
                + " minutes); control period, polls and leases stay real-time";
    }

    /** What the start-up says of a sped-up world resumed after its store's last time ({@link ResumedWorld}). */
    static String resumedLine(Instant at, java.time.ZoneId zone, Path store) {
        return "the compound's clock resumes at " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(at.atZone(zone)) + " (" + zone + "), after the last time in " + store
                + " (--data DIR of its own starts afresh)";
    }

    /** {@link ResumedWorld#after}, or {@code scale} as asked when the store cannot be read (the gateway then says why). */
    private static TimeScale resumed(TimeScale scale, Path store) {
        try {
            return ResumedWorld.after(scale, store);
        } catch (java.sql.SQLException e) {
            LOG.warn("cannot read the last time in {} ({}): the compound's clock starts at the wall clock's time, and"
                    + " may live through times the store holds", store, e.getMessage());
            return scale;
        }
    }

    private static String tenths(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    /**
     * The clock a pile's cars charge by: a sped-up world's, which already runs on the ticker; in real time, where the
     * world's clock is the wall clock, the time passed since the pile started, as a real bridge's pile runs its car
     * (Pile's ElapsedClock), so that a step of the machine's clock is no time the car charged. Until 2026-12-07 it was
     * the wall clock: a step forward of 10 minutes was counted in one status and the gateway refused that pile's
     * statuses for as long ({@code RealTimeDemoClockStepTest}).
     */
    private static Clock carClock(Clock wall, TimeScale scale, Clock world) {
        return scale.isReal() ? ElapsedClock.from(wall, ElapsedTime.SYSTEM) : world;
    }

    /** Each wall second the traffic moves on by the world time it spans ({@code --speed} seconds of the day). */
    private static void stepTraffic(VehicleTraffic traffic, Clock world) {
        try {
            traffic.step(world.instant());
        } catch (RuntimeException e) {
            LOG.error("demo: moving the cars on failed; trying again next second", e);
        }
    }

    /**
     * Hands the gateway the residents' declarations, as the page's reservation does ({@code ControlLoop.declare}), each
     * once the gateway has seen its car plugged in (before, it would be ignored), and stores each as a
     * {@code demo.declaration} event. Without a gateway of its own the demo's residents declare nothing. Synchronized
     * with {@link #declarationPending}: a declaration taken is on the control loop's queue before anyone hears it gone.
     */
    private synchronized void declare() {
        try {
            Gateway g = gateway;
            var last = g == null ? null : g.loop().lastResult();
            if (last == null) {
                return;
            }
            Set<Integer> seen = new HashSet<>();
            last.plugged().forEach(s -> seen.add(s.pileIndex()));
            for (int i = 0; i < piles.size(); i++) {
                if (seen.contains(i) && piles.get(i).plugged()) {
                    Declaration d = piles.get(i).takeDeclaration();
                    if (d.hasDeparture() || d.hasEnergy()) {
                        g.loop().declare(i, d);
                        // Stored as the page's reservation is, so the page's event list says it (until 2026-12-05
                        // nothing did: the residents' declarations were seen only in the plan).
                        DeclarationEvent.store(g.store(), EventKind.DEMO_DECLARATION, piles.get(i).id, d, RESIDENT);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("demo: handing the residents' declarations to the gateway failed; trying again next second", e);
        }
    }

    /** Every minute, one line: how many bridges hold the gateway's lease, cars plugged, what they draw. */
    private void logStatus() {
        try {
            long leased = piles.stream().filter(p -> p.pile.leaseExpiry().isPresent()).count();
            long plugged = piles.stream().filter(DemoPile::plugged).count();
            double ev = piles.stream().mapToDouble(DemoPile::powerKw).sum();
            LOG.info("demo: {}/{} bridges hold a lease, {} cars plugged, EV {} kW", leased, piles.size(), plugged,
                    String.format(java.util.Locale.ROOT, "%.1f", ev));
        } catch (RuntimeException e) {
            LOG.warn("demo: status line failed", e);
        }
    }

    private void feedMeter(HouseholdProfile households, LiveSupply supply, Clock clock) {
        try {
            Instant now = clock.instant();
            LineLoads homes = households.linesAt(now);
            double[] kw = {homes.aKw(), homes.bKw(), homes.cKw()};
            for (DemoPile p : piles) {
                double ev = p.powerKw();
                for (int line = 0; line < 3; line++) {
                    kw[line] += ev * p.phase.shareOnLine(line);
                }
            }
            supply.at(now, new LineLoads(kw[0], kw[1], kw[2])).forEach(meter::set);
        } catch (RuntimeException e) {
            LOG.error("demo: updating the transformer meter failed; trying again next time", e);
        }
    }

    /**
     * The store's file in the data directory: a sped-up world's times run ahead of the wall clock, so they go to a file
     * of their own. In {@code orderly.db} they would be the clock's floor of the next real-time run on that directory
     * (docs/operations.md, "The clock"), which would find a right clock not set for hours.
     */
    static String storeFile(TimeScale scale) {
        return scale.isReal() ? "orderly.db" : "orderly-sped-up.db";
    }

    /** The store a demo on {@code dataDir} at {@code scale} runs its gateway on. */
    public static Path store(Path dataDir, TimeScale scale) {
        return dataDir.resolve(storeFile(scale));
    }

    /** What a sped-up gateway's id ends in: {@code demo-sped-up} for the demo's {@code demo}. */
    static final String SPED_UP = "-sped-up";

    /**
     * The gateway's id: a sped-up run, which numbers its messages from its own store, reports as a gateway of its own
     * ({@code demo-sped-up}), so that its message ids ({@code demo:1}, ...) do not repeat those a real-time run on the
     * same broker sent, which a grid side that drops repeats by id would drop, and its retained state does not
     * replace the other's. Kept within the 64 characters a gateway id may have.
     */
    static String gatewayId(String configured, TimeScale scale) {
        if (scale.isReal()) {
            return configured;
        }
        return configured.substring(0, Math.min(configured.length(), 64 - SPED_UP.length())) + SPED_UP;
    }

    /** The configuration with the store and the page's accounts in the demo's data directory. */
    private static GatewayConfig withStore(GatewayConfig c, Path file) {
        return c.withStore(new StoreConfig(file, c.store().retentionDays())).withWeb(
                c.web() == null ? null : c.web().withUsersFile(file.resolveSibling("web-users.json")));
    }

    public Gateway gateway() {
        return gateway;
    }

    /**
     * Where a gateway started separately on {@code config} reports: the demo's broker replaces the upstream only of a
     * gateway it starts itself, so a given file without {@code upstream:}, or with another broker, reports elsewhere.
     */
    private static String whereItReports(GatewayConfig config, String mqttUrl, MqttProtocol protocol) {
        if (config.upstream().isEmpty()) {
            return "a gateway started on this configuration reports to no broker: it has no upstream: section (add "
                    + DemoMqtt.upstreamSection(mqttUrl, protocol) + " to report here)";
        }
        String broker = config.upstream().get().broker().toString();
        return broker.equals(mqttUrl) ? "a gateway started on this configuration reports there"
                : "a gateway started on this configuration reports to its upstream: broker " + broker + ", not here";
    }

    /** The broker the demo's gateway reports to, e.g. {@code tcp://127.0.0.1:1883}. */
    public String mqttUrl() {
        return mqttUrl;
    }

    /** The applied current at each bridge, pile order. */
    /**
     * Whether the resident of the car on pile {@code pile} has a declaration still to hand to the gateway: one handed
     * later replaces whatever was declared for that car meanwhile, as a later reservation on the page does.
     */
    public synchronized boolean declarationPending(int pile) {
        return piles.get(pile).declarationPending();
    }

    public double[] ampsOffered() {
        return piles.stream().mapToDouble(p -> p.pile.status().ampsOffered()).toArray();
    }

    /** Whether each bridge holds a lease from the gateway, pile order. */
    public boolean[] leased() {
        List<Optional<Instant>> expiries = leaseExpiries();
        boolean[] out = new boolean[expiries.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expiries.get(i).isPresent();
        }
        return out;
    }

    /** When the lease each bridge holds from the gateway ends, pile order; empty for a bridge that holds none. */
    public List<Optional<Instant>> leaseExpiries() {
        return piles.stream().map(p -> p.pile.leaseExpiry()).toList();
    }

    /** Closes what was started, last started first: the gateway, the simulation, the bridges, the meter, the broker. */
    @Override
    public void close() {
        parts.close();
    }
}
