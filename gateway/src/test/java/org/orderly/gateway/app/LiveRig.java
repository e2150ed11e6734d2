package org.orderly.gateway.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;

/**
 * A gateway against real peers on 127.0.0.1: {@code n} firmware-bridges with cars plugged in and an SDM630 slave
 * whose total is kept at the household load plus what the bridges' cars draw (updated every 10 ms).
 */
final class LiveRig implements AutoCloseable {
    static final double LIMIT_KW = 40;
    static final int PERIOD_MS = 250;
    static final int STALE_MS = 750;
    static final double SAFE_EV_KW = 6;

    final List<TestBridge> bridges = new ArrayList<>();
    final TransformerMeterSlave meter;
    final Gateway gateway;
    private volatile double householdKw;
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();

    LiveRig(int piles, double householdKw, Path dir) throws Exception {
        this(piles, householdKw, dir, "");
    }

    /** @param upstreamYaml an {@code upstream:} section, or "" */
    LiveRig(int piles, double householdKw, Path dir, String upstreamYaml) throws Exception {
        this.householdKw = householdKw;
        meter = new TransformerMeterSlave();
        StringBuilder yaml = new StringBuilder("""
                gatewayId: gw-test
                compound:
                  transformer: { limitKw: %s, phaseVoltageV: 220 }
                  piles:
                """.formatted(LIMIT_KW));
        for (int i = 0; i < piles; i++) {
            TestBridge b = new TestBridge("p" + i);
            bridges.add(b);
            yaml.append("    - { id: p%d, phase: %s, maxA: 32, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }\n"
                    .formatted(i, "ABC".charAt(i % 3), b.port()));
        }
        yaml.append("""
                meters:
                  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { gapMs: 0, timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: %d, staleAfterMs: %d, safeEvKw: %s }
                store: { path: orderly.db }
                """.formatted(meter.port, PERIOD_MS, STALE_MS, SAFE_EV_KW));
        yaml.append(upstreamYaml);
        feed();
        feeder.scheduleAtFixedRate(this::feed, 10, 10, TimeUnit.MILLISECONDS);
        Path devices = devices();
        GatewayConfig config = ConfigLoader.parse("live.yaml", yaml.toString(), devices, dir);
        gateway = Gateway.start(config, dir, devices, Clock.systemUTC(), List::of);
    }

    void householdKw(double kw) {
        householdKw = kw;
        feed();
    }

    double householdKw() {
        return householdKw;
    }

    double evKw() {
        return bridges.stream().mapToDouble(TestBridge::powerKw).sum();
    }

    /** The EV power the bridges' applied limits allow (A x 220 V each). */
    double offeredKw() {
        return bridges.stream().mapToDouble(b -> b.ampsOffered() * 0.22).sum();
    }

    private synchronized void feed() {
        meter.totalKw(householdKw + evKw());
    }

    static Path devices() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config").resolve("devices");
            if (candidate.resolve("eastron-sdm630.yaml").toFile().isFile()) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/devices not found above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        feeder.shutdownNow();
        gateway.close();
        meter.close();
        bridges.forEach(TestBridge::close);
    }
}
