package org.orderly.gateway.field;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.PortUnavailable;

/**
 * The meter pollers' serial ports that will not open now, as each poller told it, for the page to read: from a try
 * that failed until one that opened. The pollers' threads write, the page's reads; neither waits on the other.
 */
public final class UnavailablePorts implements PollListener {
    private final Map<String, PortUnavailable> shut = new ConcurrentHashMap<>();

    @Override
    public void onPortUnavailable(PortUnavailable port) {
        shut.put(port.bus(), port);
    }

    @Override
    public void onPortOpen(String bus) {
        shut.remove(bus);
    }

    /** Each port that will not open, with why; empty when every one is open (or not tried yet). */
    public List<PortUnavailable> now() {
        return List.copyOf(shut.values());
    }
}
