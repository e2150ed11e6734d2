package org.orderly.gateway.field.modbus;

import java.time.Clock;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.TimeoutBound;

/** Pollers for tests, through the product's constructor and factory. */
final class BusPollers {
    private BusPollers() {
    }

    /**
     * A poller sending on {@code link}, each request once (a busy answer is asked again by the poller, not the link);
     * a meter whose polls time out is not asked again given longer, and its bus takes any timeout.
     */
    static BusPoller onLink(Bus bus, ModbusLink link, LatestReadings store, PollListener listener, Clock clock,
                            Ticker ticker, Sleeper sleeper) {
        return new BusPoller(bus, link, store, listener, clock, ticker, sleeper, PileRequestWait.BOUND, false,
                TimeoutBound.ANY);
    }

    /** A poller talking to real hardware through j2mod, sleeping in real time, on a bus without Modbus piles. */
    static BusPoller overJ2mod(Bus bus, LatestReadings store, PollListener listener, Clock clock, Ticker ticker) {
        return BusPoller.overJ2mod(bus, TimeoutBound.ANY, store, listener, clock, ticker);
    }
}
