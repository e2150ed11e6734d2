package org.orderly.bridge.coap;

import org.orderly.bridge.pile.PileStatus;

/** The wire form of {@code /status}; leaseExpiry is ISO-8601 UTC or null on the safe current. */
public record StatusBody(String state, double ampsOffered, double powerKw, double sessionEnergyKwh,
                         String leaseExpiry) {

    public static StatusBody of(PileStatus status) {
        return new StatusBody(status.state().name(), status.ampsOffered(), status.powerKw(),
                status.sessionEnergyKwh(), status.leaseExpiry().map(Object::toString).orElse(null));
    }
}
