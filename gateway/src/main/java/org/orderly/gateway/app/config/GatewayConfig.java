package org.orderly.gateway.app.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.core.tariff.TariffPeriod;
import org.orderly.gateway.field.gpio.LoadControlConfig;
import org.orderly.gateway.upstream.UpstreamSettings;

/**
 * A validated gateway configuration. Build it with {@link ConfigLoader}. {@code web} is null when there is no page;
 * {@code warnings} are what the loader accepted but an installer should know, as {@code file:line:column: warning: ...}:
 * check-config prints them, the gateway logs them at its start.
 */
public record GatewayConfig(String gatewayId, Transformer transformer, List<Circuit> circuits, List<PileConfig> piles,
                            MeterConfig transformerMeter, List<MeterConfig> pileMeters, List<BusConfig> buses,
                            ZoneId zone, List<TariffPeriod> tariffPeriods, ControlConfig control, StoreConfig store,
                            Optional<LoadControlConfig> loadControl, WebConfig web,
                            Optional<UpstreamSettings> upstream, List<String> warnings) {

    public GatewayConfig {
        Objects.requireNonNull(upstream, "upstream (Optional.empty() for none)");
        circuits = List.copyOf(circuits);
        piles = List.copyOf(piles);
        pileMeters = List.copyOf(pileMeters);
        buses = List.copyOf(buses);
        tariffPeriods = List.copyOf(tariffPeriods);
        loadControl = Objects.requireNonNull(loadControl, "loadControl");
        warnings = List.copyOf(warnings);
    }

    /** This configuration with its store elsewhere (the demo keeps its data in a folder of its own). */
    public GatewayConfig withStore(StoreConfig other) {
        return new GatewayConfig(gatewayId, transformer, circuits, piles, transformerMeter, pileMeters, buses, zone,
                tariffPeriods, control, other, loadControl, web, upstream, warnings);
    }

    /** This configuration under another gateway id (the sped-up demo reports as a gateway of its own). */
    public GatewayConfig withGatewayId(String other) {
        return new GatewayConfig(other, transformer, circuits, piles, transformerMeter, pileMeters, buses, zone,
                tariffPeriods, control, store, loadControl, web, upstream, warnings);
    }

    /** This configuration with another local page ({@code null}: none). */
    public GatewayConfig withWeb(WebConfig other) {
        return new GatewayConfig(gatewayId, transformer, circuits, piles, transformerMeter, pileMeters, buses, zone,
                tariffPeriods, control, store, loadControl, other, upstream, warnings);
    }

    /** The core's model of the compound, piles in configuration order. */
    public Compound compound() {
        return new Compound(transformer, circuits, piles.stream().map(PileConfig::pile).toList());
    }

    public Tariff tariff() {
        return new Tariff(zone, tariffPeriods);
    }

    /** This configuration with an upstream link (the demo builds one for its embedded broker). */
    public GatewayConfig withUpstream(UpstreamSettings settings) {
        return new GatewayConfig(gatewayId, transformer, circuits, piles, transformerMeter, pileMeters, buses, zone,
                tariffPeriods, control, store, loadControl, web, Optional.of(settings), warnings);
    }

    public BusConfig bus(String name) {
        return buses.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bus " + name));
    }
}
