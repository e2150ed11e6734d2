package org.orderly.gateway.field;

import org.orderly.gateway.field.modbus.BusEndpoint;

/**
 * What a meter failing one poll in {@link MeterFailureLog#RATE_ONE_IN} or more points to, by how its poller reaches it:
 * the log's WARN of it ends with this.
 */
public enum FailureRateHint {
    /** A meter on an RS-485 line the gateway's own port drives (Modbus RTU, DL/T 645). */
    RS485("which no sound RS-485 line loses: check the line's termination (120 ohm at its two ends, none between), the"
            + " A/B wires and their terminals, that the meter's baud rate and framing are the bus's, and that no other"
            + " master is on the bus"),
    /**
     * A meter over Modbus TCP, itself or behind an RS-485-to-Ethernet converter, or a DL/T 645 meter behind such a
     * converter: its requests cross a network, and a converter serving another client answers this one late or not at
     * all.
     */
    MODBUS_TCP("which no sound network path loses: check the network to the meter or its RS-485-to-Ethernet converter"
            + " (cables, switches, a radio or cellular link: ping it for lost or slow replies), the converter and the"
            + " RS-485 line behind it, that no other client holds the converter's connection (many serve one at a"
            + " time), and that the bus's timing.timeoutMs covers the path's round trip");

    private final String text;

    FailureRateHint(String text) {
        this.text = text;
    }

    /** The hint for a bus reached at {@code endpoint}. */
    public static FailureRateHint of(BusEndpoint endpoint) {
        return endpoint instanceof BusEndpoint.Tcp ? MODBUS_TCP : RS485;
    }

    /** What the WARN says after the figures: {@code which no sound RS-485 line loses: check ...}. */
    public String text() {
        return text;
    }
}
