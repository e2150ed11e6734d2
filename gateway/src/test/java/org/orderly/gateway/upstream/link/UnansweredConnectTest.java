package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which failed attempts may have left their will at a broker, by Paho's reason code and the cause under it. */
class UnansweredConnectTest {
    @Test
    void noConnackInTimeOrTheConnectionEndedWhileWaitingMayHaveLeftAWill() {
        assertThat(UnansweredConnect.of(UnansweredConnect.CLIENT_TIMEOUT, new Exception("timed out"))).isTrue();
        assertThat(UnansweredConnect.of(UnansweredConnect.CONNECTION_LOST,
                new Exception("connection lost", new EOFException()))).isTrue();
    }

    @Test
    void noConnectSentTlsRefusedOrTheBrokersRefusalLeftNone() {
        assertThat(UnansweredConnect.of(UnansweredConnect.CONNECTION_LOST,
                new Exception("lost", new ConnectException("Connection refused")))).as("no TCP connection").isFalse();
        assertThat(UnansweredConnect.of(UnansweredConnect.CONNECTION_LOST,
                new Exception("lost", new SSLHandshakeException("bad certificate")))).as("TLS refused").isFalse();
        assertThat(UnansweredConnect.of(0x87, new Exception("Not authorized"))).as("refused in the CONNACK").isFalse();
        assertThat(UnansweredConnect.of(32103, new Exception("Unable to connect to server"))).isFalse();
    }
}
