package org.orderly.bridge.coap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.orderly.bridge.pile.PileStatus;

/**
 * The wire form of {@code /status}; leaseExpiry is ISO-8601 UTC or null on the safe current. {@code meterOk} is there
 * only for a pile with a meter (absent, not null, without one: the status of an unmetered pile is as it was). {@code fault} is there only while a fault holds (state
 * F), saying why, e.g. {@code "residual current"}.
 */
public record StatusBody(String state, double ampsOffered, double powerKw, double sessionEnergyKwh,
                         String leaseExpiry, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean meterOk,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String fault) {

    public static StatusBody of(PileStatus status) {
        return new StatusBody(status.state().name(), status.ampsOffered(), status.powerKw(),
                status.sessionEnergyKwh(), status.leaseExpiry().map(Object::toString).orElse(null),
                status.meterOk().orElse(null), status.fault().orElse(null));
    }
}
