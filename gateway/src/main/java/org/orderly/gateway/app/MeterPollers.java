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
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.app.config.MeterConfig;
import org.orderly.gateway.field.modbus.Bus;
import org.orderly.gateway.field.modbus.BusPoller;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.Meter;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;

/**
 * Starts one {@link BusPoller} per bus that has meters, publishing to one {@link LatestReadings}. Register maps
 * are loaded (and validated) from the devices directory first, so a bad map stops the start before any thread runs.
 */
final class MeterPollers {
    private MeterPollers() {
    }

    static List<BusPoller> start(GatewayConfig config, Path devicesDir, Duration cycle, LatestReadings readings,
                                 PollListener listener, Clock clock) throws IOException, RegisterMapException {
        Map<String, List<Meter>> byBus = new HashMap<>();
        Map<String, RegisterMap> maps = new HashMap<>();
        List<MeterConfig> all = new ArrayList<>();
        all.add(config.transformerMeter());
        all.addAll(config.pileMeters());
        for (MeterConfig m : all) {
            RegisterMap map = maps.get(m.map());
            if (map == null) {
                map = RegisterMapLoader.load(devicesDir.resolve(m.map() + ".yaml"));
                maps.put(m.map(), map);
            }
            MeterRole role = m.isTransformer() ? MeterRole.TRANSFORMER : MeterRole.PILE;
            byBus.computeIfAbsent(m.bus(), b -> new ArrayList<>()).add(new Meter(m.id(), m.unit(), map, role));
        }
        List<BusPoller> pollers = new ArrayList<>();
        for (BusConfig b : config.buses()) {
            List<Meter> meters = byBus.get(b.name());
            if (meters != null) {
                BusPoller p = BusPoller.overJ2mod(new Bus(b.name(), b.endpoint(), b.timing(cycle), meters), readings,
                        listener, clock);
                pollers.add(p);
            }
        }
        pollers.forEach(BusPoller::start);
        return pollers;
    }
}
