package org.orderly.gateway.upstream.link;

import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;

/** Why a connection to the broker ended, in the words of the link's WARN line. */
final class LostConnection {
    private LostConnection() {
    }

    /** An MQTT v5 client's disconnection: lost underneath, or a DISCONNECT from the broker. */
    static String why(MqttDisconnectResponse response) {
        return "disconnected: " + response;
    }

    /** A connection lost underneath (Paho's exception, as both clients report it). */
    static String why(Throwable cause) {
        return "connection lost: " + cause;
    }
}
