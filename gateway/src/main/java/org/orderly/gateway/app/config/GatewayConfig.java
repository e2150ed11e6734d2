package org.orderly.gateway.app.config;

import java.time.ZoneId;
import java.util.List;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.core.tariff.TariffPeriod;

/** A validated gateway configuration. Build it with {@link ConfigLoader}. */
public record GatewayConfig(String gatewayId, Transformer transformer, List<Circuit> circuits, List<PileConfig> piles,
                            MeterConfig transformerMeter, List<MeterConfig> pileMeters, List<BusConfig> buses,
                            ZoneId zone, List<TariffPeriod> tariffPeriods, ControlConfig control, StoreConfig store) {

    public GatewayConfig {
        circuits = List.copyOf(circuits);
        piles = List.copyOf(piles);
        pileMeters = List.copyOf(pileMeters);
        buses = List.copyOf(buses);
        tariffPeriods = List.copyOf(tariffPeriods);
    }

    /** The core's model of the compound, piles in configuration order. */
    public Compound compound() {
        return new Compound(transformer, circuits, piles.stream().map(PileConfig::pile).toList());
    }

    public Tariff tariff() {
        return new Tariff(zone, tariffPeriods);
    }

    public BusConfig bus(String name) {
        return buses.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bus " + name));
    }
}
