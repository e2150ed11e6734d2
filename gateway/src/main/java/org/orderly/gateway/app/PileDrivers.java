package org.orderly.gateway.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.app.config.BusConfig;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.app.live.CountSteps;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.modbus.PileRequests;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.pile.CoapEndpointPool;
import org.orderly.gateway.field.pile.CoapPileConfig;
import org.orderly.gateway.field.pile.CoapPileDriver;
import org.orderly.gateway.field.pile.LeaseTiming;
import org.orderly.gateway.field.pile.ModbusPileConfig;
import org.orderly.gateway.field.pile.ModbusPileDriver;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.field.pile.PileListener;
import org.orderly.gateway.field.pile.PileMap;
import org.orderly.gateway.field.pile.PileMapLoader;
import org.orderly.gateway.field.pile.PilePsk;

/**
 * Starts one driver per configured pile, in compound order: CoAP to a firmware-bridge (plain or DTLS-PSK, the key
 * read as UTF-8 text from {@code pskKeyFile} relative to the configuration's directory) or Modbus to a pile with
 * a current-limit register, on a master of its own or, on a serial bus, through the bus's poller.
 */
final class PileDrivers {
    /** The longest a bridge may be silent before its driver asks for its status. */
    private static final Duration STATUS_STALE_AFTER = Duration.ofSeconds(30);

    private PileDrivers() {
    }

    /**
     * The drivers of a real gateway's piles, whose world runs on real time.
     *
     * @param busLinks per serial bus, its poller's link for its Modbus piles' requests ({@link MeterPollers})
     * @return the drivers, in compound order; if one fails to start, those started before it are closed
     */
    static List<PileDriver> start(GatewayConfig config, Path configDir, MapDirs mapDirs, Duration period,
                                  Map<String, PileRequests> busLinks, PileListener listener, Clock clock, Ticker ticker)
            throws IOException, RegisterMapException {
        PileDriversOnce started = new PileDriversOnce("pile drivers");
        try {
            startInto(started, config, configDir, mapDirs, period, busLinks, listener, clock, ticker,
                    TimeScale.REAL.speed());
            return started.drivers();
        } catch (IOException | RegisterMapException | RuntimeException | Error e) {
            started.close();
            throw e;
        }
    }

    /**
     * Starts the drivers into {@code started}, each kept there as soon as it has started (a stop that closes
     * {@code started} meanwhile closes it, and refuses the next with {@link Startup.Stopped}); closing them after a
     * failure is the caller's.
     *
     * @param worldSpeed how many times faster than real time the world runs (a sped-up demo's {@code --speed}; 1 live),
     *                   which the piles count their cars' energy in (SessionEnergyBound)
     */
    static void startInto(PileDriversOnce started, GatewayConfig config, Path configDir, MapDirs mapDirs,
                          Duration period, Map<String, PileRequests> busLinks, PileListener listener, Clock clock,
                          Ticker ticker, double worldSpeed) throws IOException, RegisterMapException {
        CoapEndpointPool endpoints = new CoapEndpointPool();
        for (PileConfig p : config.piles()) {
            started.add(start(config, p, configDir, mapDirs, period, busLinks, listener, clock, ticker, worldSpeed,
                    endpoints));
        }
    }

    private static PileDriver start(GatewayConfig config, PileConfig p, Path configDir, MapDirs mapDirs,
                                    Duration period, Map<String, PileRequests> busLinks, PileListener listener,
                                    Clock clock, Ticker ticker, double worldSpeed,
                                    CoapEndpointPool endpoints)
            throws IOException, RegisterMapException {
        String id = p.pile().id();
        if (p.driver() instanceof org.orderly.gateway.app.config.PileDriver.Coap c) {
            LeaseTiming lease = LeaseTiming.ofSeconds(c.ttlSeconds());
            Duration timeout = CoapPileConfig.requestTimeoutFor(lease);
            CoapPileConfig base = c.plain() ? CoapPileConfig.plain(id, c.host(), c.port())
                    : CoapPileConfig.dtls(id, c.host(), c.port(),
                            PilePsk.ofUtf8File(c.pskIdentity(), configDir.resolve(c.pskKeyFile())));
            return CoapPileDriver.start(base.with(lease, timeout, statusStaleAfter(config)).withSafeAmps(c.safeAmps())
                    .withRating(p.rating()).inWorldOfSpeed(worldSpeed), listener, clock, ticker, endpoints);
        }
        var m = (org.orderly.gateway.app.config.PileDriver.Modbus) p.driver();
        BusConfig onBus = config.bus(m.bus());
        // A pile's requests wait as long as its bus's: on a serial bus its poller runs them with the bus's timeout, and
        // the lease keeper reckons a renewal's exchange with the same (config-load refuses one too long for its lease).
        ModbusPileConfig mc = ModbusPileConfig.of(id, onBus.endpoint(), m.unit(), map(mapDirs, m))
                .withSafeAmps(m.safeAmps()).onBus(m.bus()).withRating(p.rating())
                .withTimeout(Duration.ofMillis(onBus.timeoutMs())).inWorldOfSpeed(worldSpeed);
        PileRequests bus = busLinks.get(m.bus());
        return bus == null ? ModbusPileDriver.start(mc.with(LeaseTiming.defaults(), period), listener, clock, ticker)
                : ModbusPileDriver.startOnBus(mc.with(LeaseTiming.defaults(), period), bus.forPile(id), listener, clock,
                        ticker);
    }

    /**
     * Per configured Modbus pile, the step its map's session energy register counts in ({@link PileMap#sessionEnergyStepKwh}),
     * as its driver's bound allows it: the session tracker tells a register read 0 once by it.
     */
    static CountSteps countSteps(GatewayConfig config, MapDirs mapDirs) throws IOException, RegisterMapException {
        Map<String, Double> steps = new HashMap<>();
        for (PileConfig p : config.piles()) {
            if (p.driver() instanceof org.orderly.gateway.app.config.PileDriver.Modbus m) {
                steps.put(p.pile().id(), map(mapDirs, m).sessionEnergyStepKwh());
            }
        }
        return new CountSteps(steps);
    }

    /** The register map of Modbus pile {@code m}, the installer's own or else the shipped one. */
    static PileMap map(MapDirs mapDirs, org.orderly.gateway.app.config.PileDriver.Modbus m)
            throws IOException, RegisterMapException {
        return PileMapLoader.load(mapDirs.file(m.map()));
    }

    /**
     * How long a bridge may be silent before its driver asks for its status (and again every third of that): 3/7 of the
     * time a pile may go unheard, at most 30 s. A bridge whose observation was lost (as when it restarted) is then asked
     * before it would go offline (at the default 70 s: after 30 s, then every 10 s, so two asks may fail); a healthy one
     * is heard at each lease renewal, of which control.pileOfflineAfterMs allows three (PileOfflineBound) unless its
     * lease is longer than the default, so it is not asked in vain.
     */
    private static Duration statusStaleAfter(GatewayConfig config) {
        return min(STATUS_STALE_AFTER, config.control().pileOfflineAfter().multipliedBy(3).dividedBy(7));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
