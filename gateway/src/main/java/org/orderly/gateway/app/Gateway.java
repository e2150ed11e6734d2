package org.orderly.gateway.app;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.MeterPoller;
import org.orderly.gateway.field.gpio.LoadControlContact;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileListener;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.web.WebServer;
import org.orderly.gateway.upstream.Upstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway, built from a {@link GatewayConfig}: the store, one poller per meter bus, one driver per
 * pile, the orderly policy with its own planning thread, and the control loop. {@link #close()} stops them in
 * reverse: the loop first (no more offers), then planning, drivers, pollers, and the store last (flushed).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Store store;
    private final List<MeterPoller> pollers;
    private final List<PileDriver> drivers;
    private final ExecutorService planning;
    private final ControlLoop loop;
    private final LatestReadings readings;
    private final LoadControlContact contact;
    private final OrderlyPolicy policy;
    private final Upstream upstream;
    private final Ticker ticker;
    private WebServer web;

    private Gateway(GatewayConfig config, Store store, List<MeterPoller> pollers, List<PileDriver> drivers,
                    ExecutorService planning, ControlLoop loop, LatestReadings readings, LoadControlContact contact,
                    OrderlyPolicy policy, Upstream upstream, Ticker ticker) {
        this.ticker = ticker;
        this.contact = contact;
        this.policy = policy;
        this.upstream = upstream;
        this.config = config;
        this.store = store;
        this.pollers = pollers;
        this.drivers = drivers;
        this.planning = planning;
        this.loop = loop;
        this.readings = readings;
    }

    /**
     * Builds and starts everything.
     *
     * @param configDir  the configuration file's directory (pre-shared key files are relative to it)
     * @param devicesDir where the register maps named in the configuration are
     * @param caps       grid caps from elsewhere; with an {@code upstream:} section the grid company's are added
     */
    public static Gateway start(GatewayConfig config, Path configDir, Path devicesDir, Clock clock,
                                Supplier<List<GridCap>> caps) throws IOException, RegisterMapException {
        return start(config, configDir, devicesDir, clock, TimeScale.REAL, caps);
    }

    /**
     * Builds and starts everything, the world's time (plans, sessions, the store) running at {@code scale} against
     * the wall clock {@code clock} that stamps the field's readings. The field's pacing and the readings' ages (polls,
     * leases, staleness, the control period) go by elapsed time, which NTP cannot step.
     */
    public static Gateway start(GatewayConfig config, Path configDir, Path devicesDir, Clock clock, TimeScale scale,
                                Supplier<List<GridCap>> caps) throws IOException, RegisterMapException {
        return start(config, configDir, devicesDir, clock, scale, caps, Pi4J::newAutoContext);
    }

    /**
     * As above, with the Pi4J context for the load-control contact (only asked for when one is configured; the
     * target's comes from {@code Pi4J.newAutoContext()}, tests give Pi4J's mock platform).
     */
    public static Gateway start(GatewayConfig config, Path configDir, Path devicesDir, Clock clock, TimeScale scale,
                                Supplier<List<GridCap>> caps, Supplier<Context> gpio)
            throws IOException, RegisterMapException {
        Duration period = config.control().period();
        Clock world = scale.worldClock(clock);
        Files.createDirectories(config.store().path().toAbsolutePath().getParent());
        Store store = Store.open(StoreSettings.of(config.store().path(), config.store().retentionDays()), world);
        LatestReadings readings = new LatestReadings();
        // Readings are ordered and aged by elapsed time, which NTP cannot step; the clocks only stamp them.
        Ticker ticker = Ticker.SYSTEM;
        List<MeterPoller> pollers = List.of();
        List<PileDriver> drivers = List.of();
        try {
            // The transformer meter is read twice per control period, so a new value waits at most half a period.
            Duration pollEvery = period.dividedBy(2);
            pollers = MeterPollers.start(config, devicesDir, pollEvery, readings, PollListener.NONE, clock,
                    ticker);
            drivers = PileDrivers.start(config, configDir, devicesDir, period, PileListener.none(), clock, ticker);
        } catch (IOException | RegisterMapException | RuntimeException e) {
            pollers.forEach(MeterPoller::close);
            store.close();
            throw e;
        }
        Compound compound = config.compound();
        ExecutorService planning = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "orderly-planning");
            t.setDaemon(true);
            return t;
        });
        OrderlyPolicy policy = new OrderlyPolicy(compound, config.tariff(), world,
                OrderlySettings.live(config.control().missedKWhPrice(), scale.toWorld(period)), new GreedyPlanner(), planning);
        rememberHabits(store, compound, world, policy);
        ControlCycle cycle = new ControlCycle(compound, policy, world, scale.toWorld(config.control().staleAfter()),
                config.control().safeEvKw(), store::nextSessionNumber);
        FieldView field = new FieldView(readings, config.transformerMeter().id(), drivers, scale, ticker);
        LoadControlContact contact = null;
        Upstream upstream = null;
        try {
            if (config.loadControl().isPresent()) {
                // The contact owns the context it is given and shuts it down with itself.
                contact = new LoadControlContact(gpio.get(), config.loadControl().get(), ticker,
                        inForce -> store.event("load-control", config.gatewayId(), inForce
                                ? "contact active: EV load capped at " + config.loadControl().get().evLimitKw() + " kW"
                                : "contact released: EV cap lifted"));
            }
            // The upstream link (optional) hears what the recorder records and adds the grid company's caps.
            upstream = config.upstream().map(u -> Upstream.start(u, config.gatewayId(), store, compound, readings,
                    config.transformerMeter().id(), config.control().staleAfter(), caps, world, ticker)).orElse(null);
        } catch (RuntimeException e) {
            if (contact != null) {
                contact.close();
            }
            planning.shutdownNow();
            drivers.forEach(PileDriver::close);
            pollers.forEach(MeterPoller::close);
            store.close();
            throw e;
        }
        Supplier<OptionalDouble> evCap = contact == null ? OptionalDouble::empty : contact::evCapKw;
        CycleRecorder recorder = new CycleRecorder(compound, store, config.gatewayId(), policy,
                upstream == null ? CycleListener.NONE : upstream);
        carryOver(store, compound, cycle, recorder);
        ControlLoop loop = new ControlLoop(cycle, field, recorder, upstream == null ? caps : upstream.caps(), evCap,
                world, period);
        Gateway gateway = new Gateway(config, store, pollers, drivers, planning, loop, readings, contact, policy,
                upstream, ticker);
        loop.start();
        if (config.web() != null) {
            try {
                gateway.web = WebServer.start(gateway, config.web(), world);
            } catch (RuntimeException e) {
                gateway.close();
                throw e;
            }
        }
        LOG.info("gateway {} started: {} piles, {} meter bus(es), period {} ms, store {}{}", config.gatewayId(),
                drivers.size(), pollers.size(), period.toMillis(), config.store().path(),
                scale.isReal() ? "" : ", world time x" + scale.speed());
        return gateway;
    }

    public ControlLoop loop() {
        return loop;
    }

    private static void rememberHabits(Store store, Compound compound, Clock world, OrderlyPolicy policy) {
        try (StoreReader reader = store.reader()) {
            int n = RememberedSessions.feed(reader, compound, world.instant(), policy::remember);
            LOG.info("habits: {} session(s) of the last {} days remembered from the store", n,
                    RememberedSessions.WINDOW.toDays());
        } catch (RuntimeException e) {
            // Habits are a refinement: without them the scheduler starts from its built-in residential default.
            LOG.warn("habits: the store's past sessions could not be read, starting without them: {}", e.toString());
        }
    }

    /**
     * The sessions open when the gateway last stopped: those that may go on are handed to the control cycle, to be
     * decided on by their piles' first reports; the others are closed (departed unseen) and reported now.
     */
    private static void carryOver(Store store, Compound compound, ControlCycle cycle, CycleRecorder recorder) {
        CarriedSessions.Found found;
        try (StoreReader reader = store.reader()) {
            found = CarriedSessions.read(reader, compound);
        } catch (RuntimeException e) {
            // They stay open in the store and are looked at again at the next start; meanwhile a car still plugged in
            // is recorded as a new session. Controlling the load matters more than the record.
            LOG.error("sessions: the store's open sessions could not be read; cars plugged in are recorded as new "
                    + "sessions: {}", e.toString());
            return;
        }
        cycle.sessions().carry(found.carried());
        recorder.endedWhileDown(found.ended());
        LOG.info("sessions: {} open when the gateway stopped, to be continued if their car is still plugged in; "
                + "{} closed as ended while it was down", found.carried().size(), found.ended().size());
    }

    public Store store() {
        return store;
    }

    public LatestReadings readings() {
        return readings;
    }

    /** What the readings and the drivers' statuses are aged by: {@code ticker().now()} is now for their ages. */
    public Ticker ticker() {
        return ticker;
    }

    public GatewayConfig config() {
        return config;
    }

    /** The load-control contact, when one is configured. */
    public Optional<LoadControlContact> loadControl() {
        return Optional.ofNullable(contact);
    }

    /** The policy in force; its {@code plan()} may be read from any thread. */
    public OrderlyPolicy policy() {
        return policy;
    }

    /** The local page, when the configuration has a {@code web:} section. */
    public Optional<WebServer> web() {
        return Optional.ofNullable(web);
    }

    /** The pile drivers in compound order; their {@code latest()} may be read from any thread. */
    public List<PileDriver> drivers() {
        return drivers;
    }

    /** The upstream link, or null when none is configured. */
    public Upstream upstream() {
        return upstream;
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        loop.close();
        if (upstream != null) {
            upstream.close();
        }
        if (contact != null) {
            contact.close();
        }
        planning.shutdownNow();
        drivers.forEach(PileDriver::close);
        pollers.forEach(MeterPoller::close);
        try {
            if (!store.flush(Duration.ofSeconds(5))) {
                LOG.warn("store not flushed within 5 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        try {
            planning.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("gateway {} stopped", config.gatewayId());
    }
}
