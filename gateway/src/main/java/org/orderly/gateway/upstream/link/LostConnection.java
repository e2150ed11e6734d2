package org.orderly.gateway.upstream.link;

import java.io.EOFException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;

/**
 * Why a connection to the broker ended, in the words of the link's WARN line: the broker's DISCONNECT reason code in
 * hex (as the SUBACK refusals are given) with its reason string, or what broke underneath; not Paho's object dump.
 */
public final class LostConnection {
    private LostConnection() {
    }

    /** An MQTT v5 client's disconnection: lost underneath, or a DISCONNECT from the broker. */
    public static String why(MqttDisconnectResponse response) {
        if (response.getException() != null) {
            return why(response.getException());
        }
        String reason = response.getReasonString() == null ? "" : ": " + response.getReasonString();
        String elsewhere = response.getServerReference() == null ? ""
                : "; it names another server: " + response.getServerReference();
        return "the broker disconnected it (reason code 0x" + Integer.toHexString(response.getReturnCode()) + reason
                + elsewhere + ")";
    }

    /**
     * A connection lost underneath (Paho's exception, as both clients report it): its cause, else Paho's words. The end
     * of the stream is said as what it means: the operator read {@code java.io.EOFException} when the broker was
     * stopped or restarted.
     */
    public static String why(Throwable lost) {
        if (lost.getCause() instanceof EOFException) {
            return "the broker closed it without a DISCONNECT (stopped or restarted, or closed on the way)";
        }
        return lost.getCause() != null ? lost.getCause().toString() : lost.getMessage();
    }
}
