package org.orderly.gateway.app.config;

import java.time.Duration;
import java.util.List;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.ReadBlock;
import org.orderly.gateway.field.modbus.ReadPlanner;
import org.orderly.gateway.field.modbus.RegisterMap;

/**
 * The least a Modbus meter's read takes on its bus, as far as the configuration makes it certain: the bus's gaps
 * between its requests and, on a serial bus, each request's and answer's frame at the bus's baud rate; nothing of the
 * time the meter takes to answer, nor anything certain over TCP but the gaps.
 */
final class ReadOnTheWire {
    /** A Modbus RTU read request: unit, function, start address, count, CRC. */
    static final int REQUEST_BYTES = BusEndpoint.Serial.READ_REQUEST_BYTES;

    private ReadOnTheWire() {
    }

    /** The least one read of {@code map}'s blocks takes on {@code bus}, gaps between them included. */
    static Duration least(BusConfig bus, RegisterMap map) {
        List<ReadBlock> blocks = ReadPlanner.plan(map);
        Duration reads = Duration.ofMillis(bus.gapMs()).multipliedBy(blocks.size() - 1L);
        if (bus.endpoint() instanceof BusEndpoint.Serial serial) {
            for (ReadBlock b : blocks) {
                reads = reads.plus(serial.readOnWire(b.count()));
            }
        }
        return reads;
    }
}
