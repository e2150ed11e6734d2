package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.util.Optional;

/**
 * A pile's request that failed because its serial bus's port is shut: the bus's poller has said so in one line naming
 * what depends on the port, so the pile's driver need not say it again ({@link #in}).
 */
public final class BusPortShut extends IOException {

    BusPortShut(String bus, Throwable why) {
        super("bus " + bus + ": its serial port is not open", why);
    }

    /** Whether {@code error} failed for its bus's shut port. */
    public static boolean in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BusPortShut) {
                return true;
            }
        }
        return false;
    }
}
