package org.orderly.gateway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.orderly.gateway.field.modbus.BusPoller;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileListener;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreSettings;
import org.orderly.gateway.upstream.Upstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway, built from a {@link GatewayConfig}: the store, one poller per meter bus, one driver per
 * pile, the orderly policy with its own planning thread, and the control loop. {@link #close()} stops them in
 * reverse: the loop first (no more offers), then planning, drivers, pollers, and the store last (flushed).
 */
public final class Gateway implements AutoCloseable {
    /** Penalty per kWh a vehicle is left short at departure; not yet a configuration key. */
    public static final double PENALTY_PER_KWH = 1.8;
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Store store;
    private final List<BusPoller> pollers;
    private final List<PileDriver> drivers;
    private final ExecutorService planning;
    private final ControlLoop loop;
    private final LatestReadings readings;
    private final Upstream upstream;

    private Gateway(GatewayConfig config, Store store, List<BusPoller> pollers, List<PileDriver> drivers,
                    ExecutorService planning, ControlLoop loop, LatestReadings readings, Upstream upstream) {
        this.config = config;
        this.store = store;
        this.pollers = pollers;
        this.drivers = drivers;
        this.planning = planning;
        this.loop = loop;
        this.readings = readings;
        this.upstream = upstream;
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
        Duration period = config.control().period();
        Files.createDirectories(config.store().path().toAbsolutePath().getParent());
        Store store = Store.open(StoreSettings.of(config.store().path(), config.store().retentionDays()), clock);
        LatestReadings readings = new LatestReadings();
        List<BusPoller> pollers = List.of();
        List<PileDriver> drivers = List.of();
        try {
            // The transformer meter is read twice per control period, so a new value waits at most half a period.
            Duration pollEvery = period.dividedBy(2);
            pollers = MeterPollers.start(config, devicesDir, pollEvery, readings, PollListener.NONE, clock);
            drivers = PileDrivers.start(config, configDir, devicesDir, period, PileListener.none(), clock);
        } catch (IOException | RegisterMapException | RuntimeException e) {
            pollers.forEach(BusPoller::close);
            store.close();
            throw e;
        }
        Compound compound = config.compound();
        ExecutorService planning = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "orderly-planning");
            t.setDaemon(true);
            return t;
        });
        OrderlyPolicy policy = new OrderlyPolicy(compound, config.tariff(), clock,
                OrderlySettings.live(PENALTY_PER_KWH), new GreedyPlanner(), planning);
        ControlCycle cycle = new ControlCycle(compound, policy, clock, config.control().staleAfter(),
                config.control().safeEvKw());
        FieldView field = new FieldView(readings, config.transformerMeter().id(), drivers);
        // The upstream link (optional) hears what the recorder records and adds the grid company's caps.
        Upstream upstream;
        try {
            upstream = config.upstream().map(u -> Upstream.start(u, config.gatewayId(), store, compound, readings,
                    config.transformerMeter().id(), config.control().staleAfter(), caps, clock)).orElse(null);
        } catch (RuntimeException e) {
            planning.shutdownNow();
            drivers.forEach(PileDriver::close);
            pollers.forEach(BusPoller::close);
            store.close();
            throw e;
        }
        ControlLoop loop = new ControlLoop(cycle, field, new CycleRecorder(compound, store, config.gatewayId(), policy,
                upstream == null ? CycleListener.NONE : upstream), upstream == null ? caps : upstream.caps(), clock, period);
        Gateway gateway = new Gateway(config, store, pollers, drivers, planning, loop, readings, upstream);
        loop.start();
        LOG.info("gateway {} started: {} piles, {} meter bus(es), period {} ms, store {}", config.gatewayId(),
                drivers.size(), pollers.size(), period.toMillis(), config.store().path());
        return gateway;
    }

    public ControlLoop loop() {
        return loop;
    }

    public Store store() {
        return store;
    }

    public LatestReadings readings() {
        return readings;
    }

    public GatewayConfig config() {
        return config;
    }

    /** The upstream link, or null when none is configured. */
    public Upstream upstream() {
        return upstream;
    }

    @Override
    public void close() {
        loop.close();
        if (upstream != null) {
            upstream.close();
        }
        planning.shutdownNow();
        drivers.forEach(PileDriver::close);
        pollers.forEach(BusPoller::close);
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
