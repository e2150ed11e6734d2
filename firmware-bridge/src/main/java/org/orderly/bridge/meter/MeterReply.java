package org.orderly.bridge.meter;

import java.util.List;

/**
 * One answer of the meter, as read: total active power in W, import active energy in kWh, and each phase's current in
 * A (phase 1 first; empty when the meter does not serve them).
 */
record MeterReply(double powerW, double importKwh, List<Double> phaseAmps) {
    MeterReply {
        phaseAmps = List.copyOf(phaseAmps);
    }
}
