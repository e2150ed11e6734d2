package org.orderly.gateway.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.app.config.BusConfig;
import org.orderly.gateway.app.config.BusTimeouts;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MapDirs;
import org.orderly.gateway.app.config.MeterConfig;
import org.orderly.gateway.app.config.PileDriver;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.MeterPoller;
import org.orderly.gateway.field.dlt645.DataId;
import org.orderly.gateway.field.dlt645.Dlt645Meter;
import org.orderly.gateway.field.dlt645.Dlt645Poller;
import org.orderly.gateway.field.dlt645.Dlt645Version;
import org.orderly.gateway.field.dlt645.JSerialCommLine;
import org.orderly.gateway.field.dlt645.LineOpener;
import org.orderly.gateway.field.dlt645.MeterAddress;
import org.orderly.gateway.field.dlt645.TcpLine;
import org.orderly.gateway.field.modbus.Bus;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusPoller;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.Meter;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PileRequests;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.Sleeper;

/**
 * Starts one poller per bus that has meters ({@link BusPoller} for Modbus, {@link Dlt645Poller} for DL/T 645),
 * publishing to one {@link LatestReadings}, and a {@link BusPoller} for every serial bus with a pile driven over Modbus
 * on it, meters or not: the port's one master, through which the pile's driver sends (TCP piles have masters of their
 * own, one connection each). Register maps
 * are loaded (and validated) first, the installer's own before the shipped ones, so a bad map stops the start before any
 * thread runs.
 */
final class MeterPollers {
    private MeterPollers() {
    }

    /** @param pileLinks per serial bus with a Modbus pile, where its driver sends its requests */
    record Running(List<MeterPoller> pollers, Map<String, PileRequests> pileLinks) {
    }

    static Running start(GatewayConfig config, MapDirs mapDirs, Duration cycle, LatestReadings readings,
                                 PollListener listener, Clock clock, Ticker ticker)
            throws IOException, RegisterMapException {
        Map<String, List<Meter>> byBus = new HashMap<>();
        Map<String, List<Dlt645Meter>> dltByBus = new HashMap<>();
        Map<String, RegisterMap> maps = new HashMap<>();
        List<MeterConfig> all = new ArrayList<>();
        all.add(config.transformerMeter());
        all.addAll(config.pileMeters());
        for (MeterConfig m : all) {
            if (m.isDlt645()) {
                dltByBus.computeIfAbsent(m.bus(), b -> new ArrayList<>()).add(dlt645Meter(m));
                continue;
            }
            RegisterMap map = maps.get(m.map());
            if (map == null) {
                map = RegisterMapLoader.load(mapDirs.file(m.map()));
                maps.put(m.map(), map);
            }
            MeterRole role = m.isTransformer() ? MeterRole.TRANSFORMER : MeterRole.PILE;
            byBus.computeIfAbsent(m.bus(), b -> new ArrayList<>()).add(new Meter(m.id(), m.unit(), map, role));
        }
        List<MeterPoller> pollers = new ArrayList<>();
        Map<String, PileRequests> pileLinks = new HashMap<>();
        for (BusConfig b : config.buses()) {
            List<Dlt645Meter> dlt = dltByBus.get(b.name());
            if (dlt != null) {
                BusTiming timing = b.timing(cycle);
                LineOpener opener = b.endpoint() instanceof BusEndpoint.Tcp tcp ? () -> TcpLine.open(tcp, timing.timeout())
                        : () -> JSerialCommLine.open((BusEndpoint.Serial) b.endpoint());
                pollers.add(new Dlt645Poller(b.name(), opener, FailureRateHint.of(b.endpoint()), timing,
                        BusTimeouts.of(config, b.name()), dlt, readings, listener, clock, ticker, Sleeper.REAL));
            }
            List<Meter> meters = byBus.get(b.name());
            List<String> piles = b.endpoint() instanceof BusEndpoint.Serial ? config.piles().stream()
                    .filter(p -> p.driver() instanceof PileDriver.Modbus m && m.bus().equals(b.name()))
                    .map(p -> p.pile().id()).toList() : List.of();
            if (meters != null || !piles.isEmpty()) {
                BusPoller p = BusPoller.overJ2mod(new Bus(b.name(), b.endpoint(), b.timing(cycle),
                        meters == null ? List.of() : meters, piles), BusTimeouts.of(config, b.name()), readings, listener,
                        clock, ticker);
                if (!piles.isEmpty()) {
                    pileLinks.put(b.name(), p.pileRequests());
                }
                pollers.add(p);
            }
        }
        pollers.forEach(MeterPoller::start);
        return new Running(pollers, pileLinks);
    }

    private static Dlt645Meter dlt645Meter(MeterConfig m) {
        MeterRole role = m.isTransformer() ? MeterRole.TRANSFORMER : MeterRole.PILE;
        Dlt645Version version = m.dlt645().version();
        List<DataId> reads = m.dlt645().quantities().isEmpty() ? Dlt645Meter.defaultReads(role, version)
                : m.dlt645().quantities().stream().map(q -> DataId.ofQuantity(version, q).orElseThrow()).toList();
        return new Dlt645Meter(m.id(), MeterAddress.parse(m.dlt645().address()), role, reads, m.dlt645().ctRatio(),
                m.dlt645().blockReads());
    }
}
