package org.orderly.gateway.field.modbus;

import java.util.List;

/**
 * A meter poller's serial port that will not open, or failed as a port, as its poller's WARN says it: nothing is
 * read on it and nothing sent until it opens again.
 *
 * @param bus      the bus or DL/T 645 line as the configuration names it, e.g. {@code room}
 * @param reason   why, in the words the poller's log begins with, the device's path in them: {@code no serial port
 *                 /dev/ttyUSB0: nothing is at that path}, {@code serial port /dev/ttyUSB0 is there but cannot be opened
 *                 (error 13: permission denied)}
 * @param meterIds the meters on it, which its failure keeps from being read
 */
public record PortUnavailable(String bus, String reason, List<String> meterIds) {
    public PortUnavailable {
        meterIds = List.copyOf(meterIds);
    }
}
