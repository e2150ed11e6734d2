package org.orderly.gateway.field.modbus;

import java.util.List;
import java.util.Objects;

/**
 * A Modbus bus and the meters on it; one {@link BusPoller} serves it.
 *
 * @param piles the ids of the piles whose drivers send through its poller ({@link BusPoller#pileRequests()}), which
 *              its log names when its serial port will not open
 */
public record Bus(String name, BusEndpoint endpoint, BusTiming timing, List<Meter> meters, List<String> piles) {

    /** A bus whose poller drives no pile the log could name. */
    public Bus(String name, BusEndpoint endpoint, BusTiming timing, List<Meter> meters) {
        this(name, endpoint, timing, meters, List.of());
    }

    public Bus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timing, "timing");
        meters = List.copyOf(meters);
        piles = List.copyOf(piles);
        if (meters.stream().map(Meter::id).distinct().count() != meters.size()) {
            throw new IllegalArgumentException(name + ": meter ids must be unique");
        }
    }
}
