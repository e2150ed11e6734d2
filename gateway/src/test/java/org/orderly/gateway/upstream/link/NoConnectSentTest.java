package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * Which failed attempts certainly sent no CONNECT, so keep their {@code online} and will (also at a stop), as Paho
 * 1.2.5's v5 client reports them: the MQTT client's own TCP connect timing out is its code 0 with the socket's
 * "Connect timed out" under it (seen in {@code UpstreamNoConnackLineTest}).
 */
class NoConnectSentTest {
    @Test
    void noTcpConnectionMadeByTheClientSentNoConnect() {
        assertThat(NoConnectSent.of(failed(0, new SocketTimeoutException("Connect timed out"))))
                .as("the client's own TCP connect timed out").isTrue();
        assertThat(NoConnectSent.of(failed(32103, new ConnectException("Connection refused")))).as("refused").isTrue();
        assertThat(NoConnectSent.of(failed(0, new UnknownHostException("broker.example")))).as("no such name").isTrue();
    }

    @Test
    void aConnectionMadeOrAnAttemptNotHeardBackFromMayHaveSentOne() {
        assertThat(NoConnectSent.of(failed(0, new SocketTimeoutException("Read timed out"))))
                .as("a TLS handshake not answered on a connection made").isFalse();
        assertThat(NoConnectSent.of(failed(UnansweredConnect.CLIENT_TIMEOUT, null)))
                .as("no CONNACK in time: a later plain TCP connect failing proves nothing of this attempt").isFalse();
        assertThat(NoConnectSent.of(failed(UnansweredConnect.CONNECTION_LOST, new EOFException()))).isFalse();
        assertThat(NoConnectSent.of(failed(0, new SSLHandshakeException("bad certificate")))).isFalse();
    }

    /** A failed connect as the link gets it from the v5 client: Paho's exception with {@code code} and {@code cause}. */
    private static BrokerException failed(int code, Throwable cause) {
        MqttException paho = cause == null ? new MqttException(code) : new MqttException(code, cause);
        return BrokerException.ofConnect(paho, code, () -> { });
    }
}
