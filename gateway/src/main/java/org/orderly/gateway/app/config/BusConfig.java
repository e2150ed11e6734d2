package org.orderly.gateway.app.config;

import java.time.Duration;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;

/** A meter bus by name: its endpoint, its pacing and the protocol its meters speak. */
public record BusConfig(String name, BusEndpoint endpoint, int gapMs, int timeoutMs, int retries, Protocol protocol) {

    /** What is spoken on a bus: one protocol per bus (they differ in baud rate, parity and framing). */
    public enum Protocol { MODBUS, DLT645 }

    /** The poller's timing, reading the transformer meter every {@code cycle}. */
    public BusTiming timing(Duration cycle) {
        BusTiming d = BusTiming.defaults();
        return new BusTiming(cycle, Duration.ofMillis(gapMs), Duration.ofMillis(timeoutMs), retries, d.backoff(),
                d.maxBackoff());
    }
}
