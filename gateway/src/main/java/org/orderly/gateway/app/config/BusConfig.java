package org.orderly.gateway.app.config;

import java.time.Duration;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;

/** A Modbus bus by name: its endpoint and its pacing. */
public record BusConfig(String name, BusEndpoint endpoint, int gapMs, int timeoutMs, int retries) {

    /** The poller's timing, reading the transformer meter every {@code cycle}. */
    public BusTiming timing(Duration cycle) {
        BusTiming d = BusTiming.defaults();
        return new BusTiming(cycle, Duration.ofMillis(gapMs), Duration.ofMillis(timeoutMs), retries, d.backoff(),
                d.maxBackoff());
    }
}
