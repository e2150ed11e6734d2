package org.orderly.gateway.app.config;

import java.time.Duration;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.ModbusConnection;
import org.orderly.gateway.field.modbus.ReadBlock;
import org.orderly.gateway.field.modbus.ReadPlanner;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Whether a transformer meter that fails its first request makes the next transformer read late. The poller gives the
 * transformer meter's request the bus's whole timeout, and sends a retry or anything else only while the cycle has room
 * (BusPoller), so a cycle with a silent transformer meter takes the gap, its first request on the wire, and the
 * timeout, on a serial bus kept in whole tenths of a second (j2mod and jSerialComm, docs/register-maps.md). One that
 * sends its reply a byte at a time, each byte within the timeout, holds the bus longer: until its exchange is cut
 * ({@link ModbusConnection#cutAfterMs}), 100 ms after the timeout and, on a serial bus, the request's and the reply's
 * frames on the wire (since 2026-12-07; before, it was waited as long as it dripped). When that is more than the
 * gateway's cycle, half of {@code control.periodMs}, every cycle the meter fails so ends late, and the next
 * transformer read with it: one warning at the meter's bus says so, as of a silent meter where that is too long
 * already, and what timeout fits both. Units on the bus other than the transformer meter, silent or not, are held to
 * what the cycle leaves, so they make no read late and are not counted.
 */
final class SilentTransformerMeter {
    private static final int REQUEST_BYTES = ReadOnTheWire.REQUEST_BYTES;
    private static final long TENTH_MS = 100;

    private SilentTransformerMeter() {
    }

    static void check(BusConfig bus, RegisterMap transformerMap, int periodMs, Node at, Problems warnings) {
        Duration cycle = ControlConfig.meterPollEvery(periodMs);
        if (ReadOnTheWire.least(bus, transformerMap).compareTo(cycle) > 0) {
            return; // it cannot be read every cycle, failing or not: TransformerBusRoom says so, and the baud rate to raise
        }
        long gapMs = bus.gapMs();
        long requestMs = 0;
        long framesMs = 0;
        long timeoutMs = bus.timeoutMs();
        ReadBlock first = ReadPlanner.plan(transformerMap).get(0);
        String request = "";
        String frames = "";
        if (bus.endpoint() instanceof BusEndpoint.Serial serial) {
            requestMs = BusEndpoint.Serial.wholeMillis(serial.character().multipliedBy(REQUEST_BYTES));
            framesMs = BusEndpoint.Serial.wholeMillis(serial.readOnWire(first.count()));
            timeoutMs = (timeoutMs + TENTH_MS - 1) / TENTH_MS * TENTH_MS;
            request = ", its request's " + REQUEST_BYTES + " bytes at " + serial.baud() + " baud " + requestMs + " ms";
            frames = ", its first request's and reply's frames at " + serial.baud() + " baud " + framesMs + " ms";
        }
        long silentMs = gapMs + requestMs + timeoutMs;
        long cutMs = gapMs + ModbusConnection.cutAfterMs(bus.endpoint(), Math.toIntExact(bus.timeoutMs()), Math.toIntExact(framesMs));
        if (cutMs <= cycle.toMillis()) {
            return;
        }
        long marginMs = cutMs - gapMs - framesMs - timeoutMs;
        long mostTimeoutMs = cycle.toMillis() - gapMs - framesMs - marginMs;
        if (bus.endpoint() instanceof BusEndpoint.Serial) {
            mostTimeoutMs = mostTimeoutMs / TENTH_MS * TENTH_MS;
        }
        String timeout = timeoutMs == bus.timeoutMs() ? timeoutMs + " ms timeout"
                : bus.timeoutMs() + " ms timeout, " + timeoutMs + " ms on a serial port, which keeps it in tenths of a second";
        String lower = mostTimeoutMs >= 1 ? "lower the bus's timing.timeoutMs to at most " + mostTimeoutMs + ", or raise control.periodMs"
                : "raise control.periodMs";
        String gatewayCycle = "the gateway's " + cycle.toMillis() + " ms cycle (half of control.periodMs " + periodMs + ")";
        String cut = cutMs + " ms or more, until its exchange is cut (the " + gapMs + " ms gap, the timeout" + frames + ", and "
                + marginMs + " ms)";
        String silent = "the " + gapMs + " ms gap" + request + ", and the bus's " + timeout;
        if (silentMs > cycle.toMillis()) {
            warnings.at(at, "bus '" + bus.name() + "': a silent transformer meter holds the bus up to " + silentMs + " ms a cycle ("
                    + silent + "), and one sending its reply a byte at a time " + cut + ", more than " + gatewayCycle
                    + ": each cycle it does not answer ends late, and the next transformer read with it; " + lower);
            return;
        }
        warnings.at(at, "bus '" + bus.name() + "': a transformer meter sending its reply a byte at a time holds the bus " + cut
                + ", more than " + gatewayCycle + ", which a silent one, up to " + silentMs + " ms (" + silent + "), fits:"
                + " each cycle it drips ends late, and the next transformer read with it; " + lower);
    }
}
