package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketException;
import java.util.ArrayList;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The WARN line of a lost connection ("upstream: connection to URL lost: WHY; reconnecting") says why in a few words:
 * the broker's DISCONNECT reason code (hex, as the SUBACK refusals are) and its reason string, or what broke
 * underneath. Until 2026-12-02 it carried Paho's object dump ("disconnected: MqttDisconnectResponse [returnCode=0,
 * reasonString=null, userProperties=null, serverReference=null, exception=Connection lost (32109) -
 * java.io.EOFException]"), the operator's W16; until 2026-12-05 the end of the stream was {@code java.io.EOFException},
 * which a stopped broker gives.
 */
class LostConnectionTest {
    @Test
    void aConnectionLostUnderneathNamesWhatBroke() {
        MqttException lost = new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST, new EOFException());
        assertThat(LostConnection.why(new MqttDisconnectResponse(lost)))
                .isEqualTo("the broker closed it without a DISCONNECT (stopped or restarted, or closed on the way)");
        assertThat(LostConnection.why(new org.eclipse.paho.client.mqttv3.MqttException(
                org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_CONNECTION_LOST,
                new SocketException("Connection reset"))))
                .isEqualTo("java.net.SocketException: Connection reset");
    }

    @Test
    void aConnectionLostWithoutACauseSaysPahosWords() {
        MqttException lost = new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST);
        assertThat(LostConnection.why(new MqttDisconnectResponse(lost))).isEqualTo("Connection lost");
    }

    @Test
    void aDisconnectFromTheBrokerGivesItsReasonCodeAndString() {
        assertThat(LostConnection.why(new MqttDisconnectResponse(0x8B, "shutting down", new ArrayList<>(), null)))
                .isEqualTo("the broker disconnected it (reason code 0x8b: shutting down)");
        assertThat(LostConnection.why(new MqttDisconnectResponse(0x8E, null, null, null)))
                .isEqualTo("the broker disconnected it (reason code 0x8e)");
        assertThat(LostConnection.why(new MqttDisconnectResponse(0x9C, null, null, "other.example:8883")))
                .isEqualTo("the broker disconnected it (reason code 0x9c; it names another server: other.example:8883)");
    }
}
