package org.orderly.gateway.field.dlt645;

import java.time.Clock;
import java.util.List;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Sleeper;

/** Pollers for tests, through the product's constructor. */
final class Dlt645Pollers {
    private Dlt645Pollers() {
    }

    /** A poller of an RS-485 line on a serial port of the gateway's own, its bus taking any timeout. */
    static Dlt645Poller onSerialPort(String name, LineOpener opener, BusTiming timing, List<Dlt645Meter> meters,
                                     LatestReadings store, PollListener listener, Clock clock, Ticker ticker,
                                     Sleeper sleeper) {
        return new Dlt645Poller(name, opener, FailureRateHint.RS485, timing, TimeoutBound.ANY, meters, store, listener,
                clock, ticker, sleeper);
    }
}
