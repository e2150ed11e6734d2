package org.orderly.gateway.app;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.TransformerLines;
import org.orderly.gateway.app.live.ControlCycle;
import org.orderly.gateway.app.live.CountSteps;
import org.orderly.gateway.app.live.LineSource;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.plan.GreedyPlanner;
import org.orderly.gateway.core.policy.OrderlyPolicy;
import org.orderly.gateway.core.policy.OrderlySettings;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.MeterPoller;
import org.orderly.gateway.field.UnavailablePorts;
import org.orderly.gateway.field.UnreliableMeters;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.gpio.LoadControlContact;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileListener;
import org.orderly.gateway.files.Directories;
import org.orderly.gateway.core.time.ClockFloor;
import org.orderly.gateway.store.EventKind;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreCheck;
import org.orderly.gateway.store.StoreDamage;
import org.orderly.gateway.store.StoreEvent;
import org.orderly.gateway.store.StoreLock;
import org.orderly.gateway.store.StoreReader;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.store.StoreWatch;
import org.orderly.gateway.web.WebServer;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.orderly.gateway.upstream.Upstream;
import org.orderly.text.AsWritten;
import org.orderly.text.Count;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway, built from a {@link GatewayConfig}: the store, one poller per meter bus, one driver per
 * pile, the orderly policy with its own planning thread, the control loop and the local page, each started as a part
 * of a {@link Startup}. {@link #close()} stops them in reverse: the page, the loop (no more offers), the upstream
 * link, planning, drivers, pollers, and the store last (flushed); so does a failed start, for the parts started, and
 * a shutdown of the caller's start-up during the gateway's.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /**
     * How often the store's full check runs after the one at start (docs/operations.md, "A damaged store"): a worn SD
     * card damages pages while the gateway runs for months; once a week costs one read of the file.
     */
    static final Duration STORE_CHECK_EVERY = Duration.ofDays(7);

    private final GatewayConfig config;
    private final Store store;
    private final List<MeterPoller> pollers;
    private final List<PileDriver> drivers;
    private final ControlLoop loop;
    private final LatestReadings readings;
    private final LoadControlContact contact;
    private final OrderlyPolicy policy;
    private final Upstream upstream;
    private final Ticker ticker;
    private final LineSource lines;
    private final UnreliableMeters unreliableMeters;
    private final FailureCounts meterPolls;
    private final UnavailablePorts unavailablePorts;
    private final Startup parts;
    private WebServer web;
    /** The event of the store's last move aside, if within {@link AlarmKind#STORE_MOVED_ASIDE_FOR} of the start. */
    private volatile Optional<StoreEvent> movedAside = Optional.empty();

    private Gateway(GatewayConfig config, Store store, List<MeterPoller> pollers, List<PileDriver> drivers,
                    ControlLoop loop, LatestReadings readings, LoadControlContact contact, OrderlyPolicy policy,
                    Upstream upstream, Ticker ticker, LineSource lines, UnreliableMeters unreliableMeters,
                    UnavailablePorts unavailablePorts, FailureCounts meterPolls, Startup parts) {
        this.ticker = ticker;
        this.meterPolls = meterPolls;
        this.unreliableMeters = unreliableMeters;
        this.unavailablePorts = unavailablePorts;
        this.lines = lines;
        this.contact = contact;
        this.policy = policy;
        this.upstream = upstream;
        this.config = config;
        this.store = store;
        this.pollers = pollers;
        this.drivers = drivers;
        this.loop = loop;
        this.readings = readings;
        this.parts = parts;
    }

    /**
     * Builds and starts everything, the world's time (plans, sessions, the store, the field's readings' stamps)
     * running at {@code scale} against the wall clock {@code clock}. The field's pacing and the readings' ages (polls,
     * leases, staleness, the control period) go by elapsed time, which NTP cannot step. Each part is started in
     * {@code startup} (see the last overload), the load-control contact's GPIO from {@code Pi4J.newAutoContext()}.
     *
     * @param configDir  the configuration file's directory (pre-shared key files are relative to it)
     * @param devicesDir where the register maps named in the configuration are (the overloads taking {@link MapDirs}
     *                   read the installer's own maps before the shipped ones)
     * @param caps       grid caps from elsewhere; with an {@code upstream:} section the grid company's are added
     */
    public static Gateway start(GatewayConfig config, Path configDir, Path devicesDir, Clock clock, TimeScale scale,
                                Supplier<List<GridCap>> caps, Startup startup) throws IOException, RegisterMapException {
        return start(config, configDir, MapDirs.shipped(devicesDir), clock, scale, caps, startup);
    }

    /** As above, the register maps looked up in {@code maps}: the installer's own first, then the shipped ones. */
    public static Gateway start(GatewayConfig config, Path configDir, MapDirs maps, Clock clock, TimeScale scale,
                                Supplier<List<GridCap>> caps, Startup startup) throws IOException, RegisterMapException {
        return start(config, configDir, maps, clock, scale, caps, Pi4J::newAutoContext, startup);
    }

    /**
     * As above, with the Pi4J context for the load-control contact (only asked for when one is configured; the
     * target's comes from {@code Pi4J.newAutoContext()}, tests give Pi4J's mock platform), each part started in
     * {@code startup} (in a scope of the gateway's own, one part of it): a shutdown of the start-up while the gateway
     * is starting closes the parts started so far, last started first. A part that fails to start closes those started
     * before it.
     */
    public static Gateway start(GatewayConfig config, Path configDir, MapDirs maps, Clock clock, TimeScale scale,
                                Supplier<List<GridCap>> caps, Supplier<Context> gpio, Startup startup)
            throws IOException, RegisterMapException {
        Startup parts = startup.child("gateway " + config.gatewayId());
        // What check-config prints as warnings (safe currents past a limit, a pile's own fallback), said where it runs.
        config.warnings().forEach(w -> LOG.warn("{}", w));
        try {
            return build(config, configDir, maps, clock, scale, caps, gpio, parts);
        } catch (Startup.Stopped e) {
            throw e; // the stop closes what has started
        } catch (IOException | RegisterMapException | RuntimeException | Error e) {
            parts.close();
            throw e;
        }
    }

    private static Gateway build(GatewayConfig config, Path configDir, MapDirs mapDirs, Clock clock, TimeScale scale,
                                 Supplier<List<GridCap>> caps, Supplier<Context> gpio, Startup parts)
            throws IOException, RegisterMapException {
        Duration period = config.control().period();
        // Readings are ordered and aged by elapsed time, which NTP cannot step; a sped-up world's clock runs on it too.
        Ticker ticker = Ticker.SYSTEM;
        Clock world = scale.worldClock(clock, ticker);
        // Kept first, so closed last: the line that says everything else has stopped.
        parts.atClose("stopped line", () -> LOG.info("gateway {} stopped", config.gatewayId()));
        // One gateway per store, refused before its store is opened, a pile leased or the broker called: two would
        // drive the same piles, continue each other's sessions and throw each other off the broker (same client id).
        // Taken before the page's port is tried: a second gateway on the store (the same configuration started by hand
        // beside the service or the demo) has the same port too, and until 2026-12-06 was told of the port alone.
        try (Startup.Step step = parts.begin("store lock")) {
            step.started(StoreLock.take(config.store().path()));
        }
        // The page starts last; its port is tried next, so that a taken one stops the start before anything else is
        // done.
        if (config.web() != null) {
            LocalPagePort.tryListen(config.web());
        }
        Store store;
        Optional<StoreDamage> damage;
        try (Startup.Step step = parts.begin("store")) {
            Directories.create(config.store().path().toAbsolutePath().getParent());
            // A damaged store must not keep the piles from being controlled: moved aside, a fresh one made.
            damage = StoreCheck.atStart(config.store().path(), world, BuildTime.floor().at());
            store = step.started(Store.open(StoreSettings.of(config.store().path(), config.store().retentionDays()), world),
                    Gateway::flushAndClose);
        }
        // Each read of history below goes on without it when it fails (HistoryAtStart): the piles are controlled from
        // what the meters and piles say now.
        Optional<StoreEvent> movedAside = movedAside(store, world.instant());
        ClockFloor clockFloor = clockFloor(store, scale, world.instant());
        store.clockFloor(clockFloor);
        LatestReadings readings = new LatestReadings();
        // Readings are ordered and aged by elapsed time (the ticker above); the world's clock only stamps them, so
        // that a sped-up demo's page says a reading's time on the clock of its other times (until 2026-12-05 the wall
        // clock stamped them and the page's meter card said the wall's time beside the world's).
        Duration pollEvery = config.control().meterPollEvery();
        MeterPollers.Running buses;
        // The pollers tell them of a meter failing too often and of a port that will not open; the page reads them for
        // its alarms, never waited on.
        UnreliableMeters unreliableMeters = new UnreliableMeters();
        UnavailablePorts unavailablePorts = new UnavailablePorts();
        FailureCounts meterPolls = new FailureCounts();
        try (Startup.Step step = parts.begin("meter pollers")) {
            buses = step.started(MeterPollers.start(config, mapDirs, pollEvery, readings,
                    PollListener.all(unreliableMeters, unavailablePorts, meterPolls), world, ticker),
                    all -> all.pollers().forEach(MeterPoller::close));
        }
        List<MeterPoller> pollers = buses.pollers();
        List<PileDriver> drivers;
        UncountedPiles uncounted;
        CountSteps countSteps;
        PileDriversOnce piles;
        try (Startup.Step step = parts.begin("pile drivers")) {
            uncounted = UncountedPiles.of(config, mapDirs);
            countSteps = PileDrivers.countSteps(config, mapDirs);
            // Kept before the first driver starts, each driver in it as it starts: a stop that does not wait for the
            // one still starting closes those started (PileDriversOnce), and so does a failure of a later one.
            piles = step.started(new PileDriversOnce("gateway " + config.gatewayId()));
            PileDrivers.startInto(piles, config, configDir, mapDirs, period, buses.pileLinks(), PileListener.none(),
                    world, ticker, scale.speed());
            drivers = piles.drivers();
        }
        Compound compound = config.compound();
        ExecutorService planning;
        try (Startup.Step step = parts.begin("planning")) {
            planning = step.started(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "orderly-planning");
                t.setDaemon(true);
                return t;
            }), Gateway::stopPlanning);
        }
        OrderlyPolicy policy = new OrderlyPolicy(compound, config.tariff(),
                OrderlySettings.live(config.control().missedKWhPrice(), scale.toWorld(period)), new GreedyPlanner(),
                planning);
        rememberHabits(store, compound, uncounted, world, history(clockFloor, world.instant()), policy);
        // Its session tracker judges a count begun again in the world the drivers' bounds judge counts in (scale).
        ControlCycle cycle = new ControlCycle(compound, policy, world, scale.toWorld(config.control().staleAfter()),
                config.control().safeEvKw(), store::nextSessionNumber, clockFloor, ticker,
                config.control().pileOfflineAfter(), scale, countSteps);
        LineSource lines = TransformerLines.of(config, mapDirs);
        FieldView field = new FieldView(readings, config.transformerMeter().id(), drivers, scale, ticker, lines,
                config.transformer().phaseVoltageV(), PileMeters.of(config));
        LoadControlContact contact = null;
        if (config.loadControl().isPresent()) {
            // The contact owns the context it is given and shuts it down with itself.
            double evLimitKw = config.loadControl().get().evLimitKw();
            try (Startup.Step step = parts.begin("load-control contact")) {
                contact = step.started(new LoadControlContact(gpio.get(), config.loadControl().get(), ticker,
                        inForce -> store.event(EventKind.LOAD_CONTROL, config.gatewayId(), inForce
                                ? "contact active: EV load capped at " + AsWritten.number(evLimitKw) + " kW"
                                : "contact released: EV cap lifted", EventKind.FORM, inForce ? "active" : "released",
                                "kw", inForce ? evLimitKw : null)));
            }
        }
        // The upstream link (optional) hears what the recorder records and adds the grid company's caps.
        Upstream upstream = null;
        if (config.upstream().isPresent()) {
            try (Startup.Step step = parts.begin("upstream link")) {
                upstream = step.started(Upstream.start(config.upstream().get(), config.gatewayId(), store, compound,
                        caps, world, ticker, clockFloor));
            }
            if (damage.isPresent()) {
                upstream.storeMovedAside(damage.get());
            }
        }
        Supplier<OptionalDouble> evCap = contact == null ? OptionalDouble::empty : contact::evCapKw;
        // The recorder tells a pile's word on a plug-in for a session's by the session tracker's rule, made in its world.
        CycleRecorder recorder = new CycleRecorder(compound, store, config.gatewayId(), policy,
                upstream == null ? CycleListener.NONE : upstream, clockFloor, cycle.sessions().samePlugIn(),
                SampleHolds.of(config.control(), scale));
        carryOver(store, compound, cycle, recorder, world.instant(), history(clockFloor, world.instant()));
        ControlLoop loop = new ControlLoop(cycle, field, recorder, upstream == null ? caps : upstream.caps(), evCap,
                world, ticker, period);
        if (upstream != null) {
            upstream.telemetry().pauseWithoutCyclesFor(ControlLoop.overdueAfter(period));
        }
        Gateway gateway = new Gateway(config, store, pollers, drivers, loop, readings, contact, policy, upstream, ticker,
                lines, unreliableMeters, unavailablePorts, meterPolls, parts);
        gateway.movedAside = movedAside;
        try (Startup.Step step = parts.begin("control loop")) {
            loop.start();
            step.started(loop, l -> stopControl(l, piles, store));
        }
        // From now on a store found damaged is moved aside while running, as the start does (and now, if a read of
        // history above found it so): the page's alarm names the move, the upstream link says it (Upstream).
        store.onMovedAside(d -> gateway.movedAside = Optional.of(d.event()));
        store.recoverWhenDamaged(BuildTime.floor().at());
        // The store's full check reads the whole file: after the piles are controlled, never before (closed before the
        // store, which Startup closes in reverse).
        Upstream told = upstream;
        try (Startup.Step step = parts.begin("store check")) {
            step.started(StoreWatch.start(store.database(), world, STORE_CHECK_EVERY, e -> {
                store.event(e);
                if (told != null) {
                    told.event(e);
                }
            }));
        }
        if (config.web() != null) {
            try (Startup.Step step = parts.begin("local page")) {
                gateway.web = step.started(WebServer.start(gateway, config.web(), world));
            }
        }
        LOG.info("gateway {} started: {}, {}, period {} ms, store {}{}", config.gatewayId(),
                Count.of(drivers.size(), "pile"), Count.of(pollers.size(), "meter bus", "meter buses"),
                period.toMillis(), config.store().path(),
                scale.isReal() ? "" : ", world time x" + scale.speed());
        return gateway;
    }

    /**
     * The earliest the clock can plausibly say (docs/operations.md, "The clock"): this build's time and, on the real
     * clock, the newest time the store holds from before the stop. A sped-up world's times run ahead of the wall clock,
     * so its store says nothing of the wall clock's.
     */
    private static ClockFloor clockFloor(Store store, TimeScale scale, Instant now) {
        ClockFloor floor = BuildTime.floor();
        if (scale.isReal()) {
            floor = ClockFloors.atStart(store, floor, now);
        }
        LOG.info("the clock is taken as set from {} on ({})", floor.at(), floor.source());
        return floor;
    }

    /**
     * Stops the control loop, then lets go of the piles (their drivers stop renewing the leases, so each pile keeps its
     * last limit only until its lease lapses and then falls back) and writes out what the store holds queued (the
     * sessions the loop's stop wrote among it): before the parts started after the loop's are closed, the upstream
     * link the slowest of them (up to about 34 s with a broker that does not answer; docs/operations.md, "The stop
     * budget"). Until 2026-12-06 the drivers kept renewing the leases, no loop watching the load, and the store was
     * flushed only after those waits, to be cut short by a SIGKILL at systemd's stop timeout
     * ({@code SilentBrokerStopRunTest}).
     */
    private static void stopControl(ControlLoop loop, PileDriversOnce piles, Store store) {
        try {
            loop.close();
        } finally {
            // Even when the loop's stop failed: the piles are not to be held at a limit nothing watches any more.
            piles.close();
            flush(store, "at the control loop's stop; the rest is written at the store's close");
        }
    }

    /** Writes what the store still holds queued, then closes it. */
    private static void flushAndClose(Store store) {
        flush(store, "closing anyway");
        store.close();
    }

    /** Writes what the store holds queued, waiting up to 5 s; when it cannot, says so and {@code goingOn}. */
    private static void flush(Store store, String goingOn) {
        try {
            if (!store.flush(Duration.ofSeconds(5))) {
                LOG.warn("store not flushed within 5 s; {}", goingOn);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts a plan being solved: a plan the loop will not use is not worth waiting for beyond a moment. */
    private static void stopPlanning(ExecutorService planning) {
        planning.shutdownNow();
        try {
            planning.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ControlLoop loop() {
        return loop;
    }

    /**
     * Where the history read at start ends: now, or, with the clock not set (earlier than its floor: a box after a
     * power cut, before NTP), the floor, the newest time on record before the stop or this build's time. The weeks
     * before 1970 hold nothing.
     */
    private static Instant history(ClockFloor floor, Instant now) {
        return floor.plausible(now) ? now : floor.at();
    }

    /** @param until where the weeks of habits end ({@link #history}) */
    private static void rememberHabits(Store store, Compound compound, UncountedPiles uncounted, Clock world,
                                       Instant until, OrderlyPolicy policy) {
        try (StoreReader reader = store.reader()) {
            int n = RememberedSessions.feed(reader, compound, uncounted, until, policy::remember);
            LOG.info("habits: {} of the last {} days remembered from the store", Count.of(n, "session"),
                    RememberedSessions.WINDOW.toDays());
        } catch (RuntimeException e) {
            // Habits are a refinement: without them the scheduler starts from its built-in residential default.
            HistoryAtStart.unreadable(store, world.instant(), "the sessions of the last "
                    + RememberedSessions.WINDOW.toDays() + " days (residents' habits)",
                    "planning starts from its built-in residential default", e);
        }
    }

    /**
     * The sessions open when the gateway last stopped: those that may go on are handed to the control cycle, to be
     * decided on by their piles' first reports (by the tracker's plug-in rule, in its world's time); the others are closed
     * (departed unseen) and reported now. The control cycle also learns when each pile's last session ended, before
     * which no new session is taken to arrive.
     */
    private static void carryOver(Store store, Compound compound, ControlCycle cycle, CycleRecorder recorder,
                                  Instant now, Instant history) {
        CarriedSessions.Found found;
        Map<Integer, Instant> lastDepartures;
        try (StoreReader reader = store.reader()) {
            found = CarriedSessions.read(reader, compound);
            lastDepartures = LastDepartures.read(reader, compound, history, found.ended());
        } catch (RuntimeException e) {
            // They stay open in the store and are looked at again at the next start; meanwhile a car still plugged in
            // is recorded as a new session. Controlling the load matters more than the record.
            HistoryAtStart.unreadable(store, now, "the sessions open when the gateway stopped",
                    "cars still plugged in are recorded as new sessions", e);
            return;
        }
        cycle.sessions().carry(found.carried());
        lastDepartures.forEach(cycle.sessions()::endedOnRecord);
        recorder.endedWhileDown(found.ended());
        LOG.info("sessions: {} open when the gateway stopped, to be continued if their car is still plugged in; "
                + "{} closed as ended while it was down", found.carried().size(), found.ended().size());
    }

    public Store store() {
        return store;
    }

    /**
     * The event of the store's last move aside (at a start, or while running) within {@code within} before {@code now},
     * if there was one.
     */
    public Optional<StoreEvent> storeMovedAside(Instant now, Duration within) {
        return movedAside.filter(e -> now.isBefore(e.time().plus(within)));
    }

    /**
     * The newest {@link StoreDamage#EVENT} of the last {@link AlarmKind#STORE_MOVED_ASIDE_FOR}, read once: the page's
     * alarm stands that long after the move, across restarts.
     */
    private static Optional<StoreEvent> movedAside(Store store, Instant now) {
        try (StoreReader reader = store.reader()) {
            List<StoreEvent> events = reader.events(now.minus(AlarmKind.STORE_MOVED_ASIDE_FOR), now.plusSeconds(60));
            return events.stream().filter(e -> e.kind().equals(StoreDamage.EVENT)).reduce((a, b) -> b);
        } catch (RuntimeException e) {
            // An alarm is not worth a start: the move, if there was one, is in the log and the events.
            HistoryAtStart.unreadable(store, now, "the events of a recent move aside",
                    "the page shows no alarm for one", e);
            return Optional.empty();
        }
    }

    public LatestReadings readings() {
        return readings;
    }

    /** The meters whose polls fail too often now, as the meter pollers said: the page's alarm. */
    public UnreliableMeters unreliableMeters() {
        return unreliableMeters;
    }

    /** Each meter's polls answered and failed since the start, as the pollers said: the page's metrics. */
    public FailureCounts meterPolls() {
        return meterPolls;
    }

    /** The meter pollers' serial ports that will not open now, as the pollers said: the page's alarm. */
    public UnavailablePorts unavailablePorts() {
        return unavailablePorts;
    }

    /** What the readings and the drivers' statuses are aged by: {@code ticker().now()} is now for their ages. */
    public Ticker ticker() {
        return ticker;
    }

    /** Where the transformer meter's map gives each line's load: the control cycle's, for the page to take them alike. */
    public LineSource lines() {
        return lines;
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

    /** Stops every part, last started first: the page, the loop (no more offers), ..., the store last (flushed). */
    @Override
    public void close() {
        parts.close();
    }
}
