package org.orderly.gateway.field.modbus;

import java.util.List;
import java.util.Objects;

/** A Modbus bus and the meters on it; one {@link BusPoller} serves it. */
public record Bus(String name, BusEndpoint endpoint, BusTiming timing, List<Meter> meters) {

    public Bus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timing, "timing");
        meters = List.copyOf(meters);
        if (meters.stream().map(Meter::id).distinct().count() != meters.size()) {
            throw new IllegalArgumentException(name + ": meter ids must be unique");
        }
    }
}
