package org.orderly.gateway.app.config;

import java.time.Duration;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Whether a silent transformer meter makes the next transformer read late. The poller gives the transformer meter's
 * request the bus's whole timeout, and sends a retry or anything else only while the cycle has room (BusPoller), so
 * what a cycle with a silent transformer meter takes at most is the gap, its first request on the wire, and the
 * timeout, on a serial bus kept in whole tenths of a second (j2mod and jSerialComm, docs/register-maps.md). When that is
 * more than the gateway's cycle, half of {@code control.periodMs}, every cycle the meter is silent ends late, and the
 * next transformer read with it: one warning at the meter's bus says so. Units on the bus other than the transformer
 * meter, silent or not, are held to what the cycle leaves, so they make no read late and are not counted.
 */
final class SilentTransformerMeter {
    private static final int REQUEST_BYTES = ReadOnTheWire.REQUEST_BYTES;
    private static final long TENTH_MS = 100;

    private SilentTransformerMeter() {
    }

    static void check(BusConfig bus, int periodMs, Node at, Problems warnings) {
        Duration cycle = ControlConfig.meterPollEvery(periodMs);
        long gapMs = bus.gapMs();
        long requestMs = 0;
        long timeoutMs = bus.timeoutMs();
        long mostTimeoutMs = cycle.toMillis() - gapMs;
        String request = "";
        if (bus.endpoint() instanceof BusEndpoint.Serial serial) {
            Duration onWire = serial.character().multipliedBy(REQUEST_BYTES);
            requestMs = (onWire.toNanos() + 999_999) / 1_000_000;
            timeoutMs = (timeoutMs + TENTH_MS - 1) / TENTH_MS * TENTH_MS;
            mostTimeoutMs = (cycle.toMillis() - gapMs - requestMs) / TENTH_MS * TENTH_MS;
            request = ", its request's " + REQUEST_BYTES + " bytes at " + serial.baud() + " baud " + requestMs + " ms";
        }
        long worstMs = gapMs + requestMs + timeoutMs;
        if (worstMs <= cycle.toMillis()) {
            return;
        }
        String timeout = timeoutMs == bus.timeoutMs() ? timeoutMs + " ms timeout"
                : bus.timeoutMs() + " ms timeout, " + timeoutMs + " ms on a serial port, which keeps it in tenths of a second";
        String lower = mostTimeoutMs >= 1 ? "lower the bus's timing.timeoutMs to at most " + mostTimeoutMs + ", or raise control.periodMs"
                : "raise control.periodMs";
        warnings.at(at, "bus '" + bus.name() + "': a silent transformer meter holds the bus up to " + worstMs + " ms a cycle (the "
                + gapMs + " ms gap" + request + ", and the bus's " + timeout + "), more than the gateway's " + cycle.toMillis()
                + " ms cycle (half of control.periodMs " + periodMs + "): each cycle it does not answer ends late, and the next"
                + " transformer read with it; " + lower);
    }
}
