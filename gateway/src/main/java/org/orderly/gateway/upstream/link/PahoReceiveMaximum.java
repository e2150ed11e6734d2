package org.orderly.gateway.upstream.link;

import java.util.OptionalInt;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The Receive Maximum of an MQTT v5 CONNACK as Eclipse Paho 1.2.5 holds it, for every Paho v5 client of the contract:
 * the gateway's link ({@link Mqtt5Client}), the grid side's {@code orderly aggregate} and the tests' grid side. Paho
 * reads the two-byte unsigned integer as signed, so a broker's 32768 to 65534 becomes negative (40000 is -25536; 65535,
 * the default, is not sent). A client that then publishes QoS 1 is refused every publish (32202); any client's next
 * CONNACK fails on Paho's receiving thread (a Vector of negative capacity), so it never connects again. The gateway's
 * link, which publishes, ends such a connection and says so, in these words; {@code orderly aggregate}, which does
 * not, says so and makes its next connection with a new client, whose first CONNACK goes through.
 */
public final class PahoReceiveMaximum {
    /** MQTT v5's Receive Maximum when a broker announces none (3.2.2.3.3); Paho's too. */
    public static final int NONE_ANNOUNCED = 65_535;
    /** What to change on the broker, for every client's message. */
    public static final String SET_THE_BROKERS = "set the broker's to 32767 or less (Mosquitto: max_inflight_messages;"
            + " 0 for none)";

    private PahoReceiveMaximum() {
    }

    /**
     * What the CONNACK announced; empty when it announced none (or there was no CONNACK's properties).
     *
     * @throws Misread when Paho read it as below 1
     */
    public static OptionalInt of(MqttProperties connack) throws Misread {
        Integer announced = connack == null ? null : connack.getReceiveMaximum();
        if (announced == null) {
            return OptionalInt.empty();
        }
        if (announced < 1) {
            throw new Misread(announced);
        }
        return OptionalInt.of(announced);
    }

    /** A Receive Maximum Paho misread: {@link #getMessage()} says which, and what Paho made of it. */
    public static final class Misread extends Exception {
        private static final long serialVersionUID = 1L;

        Misread(int asRead) {
            super("the broker announced a Receive Maximum of " + (asRead & 0xFFFF) + ", which Paho 1.2.5 reads as "
                    + asRead, null, false, false);
        }
    }
}
