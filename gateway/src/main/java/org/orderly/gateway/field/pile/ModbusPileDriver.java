package org.orderly.gateway.field.pile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.PortAdvice;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.gateway.field.modbus.BusPortShut;
import org.orderly.gateway.field.modbus.ModbusLink;
import org.orderly.gateway.field.modbus.RegisterDecoder;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.pile.FailureReporter.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.orderly.text.Amps;

/**
 * A pile that exposes a current-limit holding register. Each lease writes, in this order: the safe current to
 * the fallback register (once per connection, when one is configured), the ttl to the watchdog register, the limit.
 * Status registers are read every {@code statusEvery}. All from the driver's own thread (on a serial bus it waits while
 * the bus's poller runs each request, {@link #startOnBus}); {@link #offer} never waits.
 */
public final class ModbusPileDriver implements PileDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusPileDriver.class);

    private final ModbusPileConfig config;
    private final Clock clock;
    private final Ticker ticker;
    private final FailureReporter reporter;
    private final ScheduledExecutorService executor;
    private final PileModbusPort port;
    private final LeaseKeeper keeper;
    private final AcknowledgedSending acknowledgedSending;
    private final OwnDrawBound ownDraw;
    /** Holds the map's {@code energy.session.kwh} to what a session can count; the driver's thread only, as the two below. */
    private final SessionEnergyBound sessionEnergy;
    /** The last session energy taken; NaN before any. */
    private double lastEnergyKwh = Double.NaN;
    /** Whether the last count read was refused, said at WARN. */
    private boolean energyRefused;
    private final AtomicReference<PileState> latest = new AtomicReference<>();
    // The gateway's reckoning, last acknowledged write + ttl, on the ticker: a lease lasts its seconds whatever NTP
    // does to the wall clock meanwhile.
    private volatile Tick leaseUntil;
    private boolean fallbackWritten; // driver thread only
    /** The pile took the safe current into its fallback register since the driver started. */
    private volatile boolean safeCurrentSet;

    private ModbusPileDriver(ModbusPileConfig config, PileModbusPort port, PileListener listener, Clock clock,
                             Ticker ticker) {
        this.config = config;
        this.clock = clock;
        this.ticker = ticker;
        this.reporter = new FailureReporter(config.pileId(), listener, clock, this::warning,
                failure -> failure.cause().filter(BusPortShut::in).isPresent());
        this.executor = DriverThread.named("modbus", config.pileId());
        this.port = port;
        this.keeper = new LeaseKeeper(config.pileId(), config.lease(), config.timeout(), new Writes(), reporter, executor);
        this.acknowledgedSending = new AcknowledgedSending(keeper);
        this.ownDraw = new OwnDrawBound(config.pileId(), config.rating());
        this.sessionEnergy = new SessionEnergyBound(config.pileId(), config.rating(), config.map().sessionEnergyStepKwh(),
                config.worldSpeed());
    }

    public static ModbusPileDriver start(ModbusPileConfig config, PileListener listener, Clock clock) {
        return start(config, listener, clock, Ticker.SYSTEM);
    }

    /** Statuses stamped on {@code clock} for display, aged (and the lease reckoned) on {@code ticker}. */
    public static ModbusPileDriver start(ModbusPileConfig config, PileListener listener, Clock clock, Ticker ticker) {
        Objects.requireNonNull(config, "config");
        return start(config, new PileModbusPort(config.endpoint(), config.timeout()), listener, clock, ticker);
    }

    /**
     * As {@link #start(ModbusPileConfig, PileListener, Clock, Ticker)}, sending every request through {@code bus}, its
     * serial bus's poller's ({@link org.orderly.gateway.field.modbus.BusPoller#pileRequests()}): the port's one master,
     * shared with the meters and the other piles on it. The poller runs each request with the bus's timeout, which the
     * config's is to be (the gateway's is: a pile has no timeout of its own), the lease reckoned with it.
     */
    public static ModbusPileDriver startOnBus(ModbusPileConfig config, ModbusLink bus, PileListener listener,
                                              Clock clock, Ticker ticker) {
        Objects.requireNonNull(config, "config");
        return start(config, new PileModbusPort(Objects.requireNonNull(bus, "bus"), config.endpoint()), listener, clock,
                ticker);
    }

    private static ModbusPileDriver start(ModbusPileConfig config, PileModbusPort port, PileListener listener,
                                          Clock clock, Ticker ticker) {
        ModbusPileDriver driver = new ModbusPileDriver(config, port, Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(ticker, "ticker"));
        WatchdogCheck.atStart(config);
        driver.keeper.start();
        long every = config.statusEvery().toMillis();
        driver.executor.scheduleWithFixedDelay(driver::readStatus, 0, every, TimeUnit.MILLISECONDS);
        return driver;
    }

    @Override
    public String pileId() {
        return config.pileId();
    }

    @Override
    public void offer(double amps) {
        keeper.offer(amps);
    }

    @Override
    public boolean acknowledges(double amps) {
        return keeper.acknowledges(amps);
    }

    @Override
    public long setpointFailures() {
        return keeper.failedSendings();
    }

    @Override
    public Optional<Tick> acknowledgedSendingAt(double amps) {
        return acknowledgedSending.of(amps);
    }

    /**
     * With a watchdog register and a fallback register it took the safe current into, that current once the lease
     * lapses. Otherwise not known: without a watchdog the pile keeps its last limit for ever, and whether the last one
     * written took (its answer lost as the link failed) or the pile restarted into a default of its own, the gateway
     * cannot tell; with a watchdog but no fallback register, the pile falls back to a current of its own.
     */
    @Override
    public Fallback fallback() {
        return config.map().watchdog().isPresent() && safeCurrentSet
                ? new Fallback(config.safeAmps().orElseThrow(), config.lease().ttl()) : Fallback.UNKNOWN;
    }

    @Override
    public Optional<PileState> latest() {
        return Optional.ofNullable(latest.get());
    }

    private final class Writes implements LimitSender {

        @Override
        public String describe(double amps, LeaseTiming lease) {
            return "write " + config.endpoint() + " unit " + config.unitId() + " limit " + Amps.of(amps) + " ttl "
                    + lease.ttlSeconds() + " s";
        }

        @Override
        public void send(double amps, LeaseTiming lease) throws PileIoException, InterruptedException {
            Tick sending = ticker.now();
            PileMap map = config.map();
            int limitRaw;
            try {
                limitRaw = map.limit().raw(amps);
            } catch (IllegalArgumentException e) {
                throw new PileIoException(PileFailureKind.REJECTED, "pile " + config.pileId() + ": " + e.getMessage(), e);
            }
            try {
                if (!fallbackWritten && map.fallback().isPresent() && config.safeAmps().isPresent()) {
                    port.write(config.unitId(), map.fallback().get(), map.fallback().get().raw(config.safeAmps().getAsDouble()));
                    fallbackWritten = true;
                    safeCurrentSet = true;
                }
                if (map.watchdog().isPresent()) {
                    port.write(config.unitId(), map.watchdog().get(), map.watchdog().get().raw(lease.ttlSeconds()));
                }
                port.write(config.unitId(), map.limit(), limitRaw);
            } catch (PileIoException | InterruptedException e) {
                fallbackWritten = false; // the pile may have restarted: write it again
                throw e;
            }
            leaseUntil = map.watchdog().isPresent() ? ticker.now().plus(lease.ttl()) : null;
            acknowledgedSending.acknowledged(sending);
        }
    }

    /**
     * What the WARN says of a failure: on a bus of the configuration whose serial port is not there or will not open,
     * what to check, in the words of the bus's meters' ({@link PortAdvice#forBus}); else the failure as it is.
     * A command's {@code --modbus-port} has no bus, and its command says what to check before it starts the driver.
     */
    private String warning(PileFailure failure) {
        Optional<String> port = config.bus().flatMap(bus -> failure.cause().flatMap(e -> PortAdvice.forBus(e, bus)));
        if (port.isEmpty()) {
            return failure.toString();
        }
        return "pile " + config.pileId() + " (unit " + config.unitId() + ") not reached: " + port.get()
                + "; the port is tried again at each status read and lease refresh";
    }

    private void readStatus() {
        String operation = "read status " + config.endpoint() + " unit " + config.unitId();
        try {
            PileMap map = config.map();
            double code = read(map.point(PileMap.STATE).orElseThrow());
            ChargeState state = map.states().get((int) Math.round(code));
            if (state == null) {
                throw new PileIoException(PileFailureKind.MALFORMED, operation + ": state.code " + code
                        + " is not in the map's states " + map.states(), null);
            }
            double amps = optional(map, PileMap.AMPS_OFFERED);
            double power = ownDraw.taken(optional(map, PileMap.POWER));
            Instant now = clock.instant();
            Tick tick = ticker.now();
            double energy = energyTaken(optional(map, PileMap.SESSION_ENERGY), tick);
            Tick until = leaseUntil;
            Optional<Instant> expiry = until == null || !tick.isBefore(until) ? Optional.empty()
                    : Optional.of(now.plus(until.since(tick)));
            latest.set(new PileState(config.pileId(), state, amps, power, energy, expiry, now, tick));
            reporter.succeeded(Exchange.STATUS);
        } catch (PileIoException e) {
            reporter.failed(Exchange.STATUS, operation, e);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            LOG.debug("pile {}: {} stopped: the driver, or its bus's poller, is closing", config.pileId(), operation);
        } catch (RuntimeException bug) {
            LOG.error("pile {}: {} failed unexpectedly", config.pileId(), operation, bug);
        }
    }

    /**
     * The session energy to take from a count of {@code kwh} the pile's map read: it, or the last one taken (NaN before
     * any) when no session counts it ({@link SessionEnergyBound}). As with its power ({@link OwnDrawBound}), the rest of
     * its status is taken: a register read wrongly at every status would otherwise leave the pile undriven. One WARN
     * while that lasts, INFO when a count is taken again.
     */
    private double energyTaken(double kwh, Tick tick) {
        Optional<String> refused = sessionEnergy.refusal(kwh, tick);
        if (refused.isPresent()) {
            if (!energyRefused) {
                LOG.warn("pile {}: its map reads {} = {}; not taken, its last count ({} kWh) is kept; check the word"
                        + " order, type and scale of that register", config.pileId(), PileMap.SESSION_ENERGY, refused.get(),
                        ReadingBounds.said(lastEnergyKwh));
            }
            energyRefused = true;
            return lastEnergyKwh;
        }
        if (energyRefused) {
            LOG.info("pile {}: its map reads a session energy it can count again, {} kWh", config.pileId(),
                    ReadingBounds.said(kwh));
            energyRefused = false;
        }
        lastEnergyKwh = kwh;
        return kwh;
    }

    private double optional(PileMap map, String quantity) throws PileIoException, InterruptedException {
        Optional<RegisterPoint> p = map.point(quantity);
        return p.isPresent() ? read(p.get()) : Double.NaN;
    }

    private double read(RegisterPoint p) throws PileIoException, InterruptedException {
        int[] words = port.read(config.unitId(), p.function(), p.address(), p.type().words());
        return RegisterDecoder.decode(words, 0, p);
    }

    @Override
    public void close() {
        PileDriverCloses.closeAll(List.of(this));
    }

    /** Stops the lease renewals and the status reads; the port is closed at the end, once the thread was waited for. */
    @Override
    public Closing beginClose() {
        keeper.stop();
        executor.shutdownNow();
        return until -> {
            boolean ended = DriverThread.ended(executor, until);
            port.close();
            LOG.info("pile {}: driver closed; the pile keeps its lease until it lapses", config.pileId());
            return ended;
        };
    }

    @Override
    public String toString() {
        return "ModbusPileDriver[" + config.pileId() + " " + config.endpoint() + " unit " + config.unitId() + "]";
    }
}
