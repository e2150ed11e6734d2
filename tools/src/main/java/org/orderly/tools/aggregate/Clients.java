package org.orderly.tools.aggregate;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.orderly.gateway.upstream.link.PahoReceiveMaximum;

/**
 * The Paho client an instance connects with, and the new one it takes after Paho misread a CONNACK's Receive Maximum
 * ({@link org.orderly.gateway.upstream.link.PahoReceiveMaximum}): Paho 1.2.5 keeps that number per client and fails the
 * client's next CONNACK on it, so a reconnect after such a connection is made with a new client, whose first CONNACK
 * goes through.
 */
interface Clients {
    /** The client of the connection that is, or was last, made. */
    MqttAsyncClient current();

    /** The client to reconnect with: {@link #current()}, or a new one in its place once it met a misread. */
    MqttAsyncClient forReconnect() throws MqttException;

    /** The connection just made announced a Receive Maximum Paho misread: the next reconnect takes a new client. */
    void misread();

    /** What a WARN says of a connection whose Receive Maximum Paho misread, after "connected to {broker}, but ". */
    static String carryingOn(PahoReceiveMaximum.Misread e) {
        return e.getMessage() + "; each reconnect is made with a new MQTT client meanwhile ("
                + PahoReceiveMaximum.SET_THE_BROKERS + ")";
    }
}
