package org.orderly.gateway.web;

import java.util.List;
import java.util.Optional;
import org.orderly.gateway.app.ControlLoop;
import org.orderly.gateway.app.Gateway;
import org.orderly.gateway.field.modbus.FailureCounts;
import org.orderly.gateway.field.pile.PileDriver;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.upstream.Upstream;

/**
 * The parts of the gateway whose own counts {@code /metrics} reads at a scrape, besides the page's overview: a
 * gateway's ({@link #of}), or a test's and a benchmark's without the field behind them.
 *
 * @param upstream empty without an {@code upstream:} section
 * @param drivers  the pile drivers in compound order
 */
record MonitoredParts(ControlLoop loop, FailureCounts meterPolls, Store store, Optional<Upstream> upstream,
                      List<PileDriver> drivers) {

    static MonitoredParts of(Gateway gateway) {
        return new MonitoredParts(gateway.loop(), gateway.meterPolls(), gateway.store(),
                Optional.ofNullable(gateway.upstream()), gateway.drivers());
    }
}
