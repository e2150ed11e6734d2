package org.orderly.gateway.app.config;

import java.time.ZoneId;
import java.util.List;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.core.tariff.TariffPeriod;

/** A validated gateway configuration. Build it with {@link ConfigLoader}. {@code web} is null when there is no page. */
public record GatewayConfig(String gatewayId, Transformer transformer, List<Circuit> circuits, List<PileConfig> piles,
                            MeterConfig transformerMeter, List<MeterConfig> pileMeters, List<BusConfig> buses,
                            ZoneId zone, List<TariffPeriod> tariffPeriods, ControlConfig control, StoreConfig store,
                            WebConfig web) {

    public GatewayConfig {
        circuits = List.copyOf(circuits);
        piles = List.copyOf(piles);
        pileMeters = List.copyOf(pileMeters);
        buses = List.copyOf(buses);
        tariffPeriods = List.copyOf(tariffPeriods);
    }

    /** Without the optional local page ({@code web} null), as before it existed. */
    public GatewayConfig(String gatewayId, Transformer transformer, List<Circuit> circuits, List<PileConfig> piles,
                         MeterConfig transformerMeter, List<MeterConfig> pileMeters, List<BusConfig> buses, ZoneId zone,
                         List<TariffPeriod> tariffPeriods, ControlConfig control, StoreConfig store) {
        this(gatewayId, transformer, circuits, piles, transformerMeter, pileMeters, buses, zone, tariffPeriods, control,
                store, null);
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
