package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.upstream.link.BrokerClient;
import org.orderly.gateway.upstream.link.ConnectRequest;
import org.orderly.gateway.upstream.link.IncomingCommand;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The MQTT client closed while its connect is under way (the CONNACK held back by a relay) is closed, its threads and
 * socket ended. (The connect's own wait for the CONNACK is not ended by it: Paho does not end that wait's token, which
 * runs its time, 15 s by default; the link's stop interrupts that wait before it closes the client.) Until 2026-12-07
 * Paho refused to close a client connecting or connected ("Connect already in progress"), which the link's stop said
 * at DEBUG only: the client's threads and socket were left for the life of the process. Against a real Mosquitto on
 * 127.0.0.1, over both MQTT versions.
 */
class UpstreamClientClosedWhileConnectingTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttProtocol.class)
    @Timeout(180)
    void aClientClosedWhileConnectingIsClosed(MqttProtocol protocol) throws Exception {
        String id = "gw-client-closed-connecting-" + protocol.name().toLowerCase();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             AnswerHoldingRelay relay = AnswerHoldingRelay.holdingConnack(broker.port())) {
            BrokerClient client = BrokerClient.create(protocol, relay.url(), id, new BrokerClient.Events() {
                @Override
                public void lost(String why) {
                    // Nothing to do: the test looks at the connect's own end.
                }

                @Override
                public void arrived(IncomingCommand command) {
                    // No subscription: none arrives.
                }
            });
            ConnectRequest request = new ConnectRequest("orderly/v1/" + id + "/state",
                    "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(),
                    Optional.empty(), Duration.ofMinutes(10));
            AtomicReference<Throwable> connectEnd = new AtomicReference<>();
            Thread connecting = new Thread(() -> {
                try {
                    client.connect(request);
                    connectEnd.set(new AssertionError("connected, with the CONNACK held"));
                } catch (Exception e) {
                    connectEnd.set(e);
                }
            }, "test-connect");
            connecting.start();
            try {
                assertThat(relay.answerHeld(60)).as("the broker's CONNACK, held").isTrue();
                assertThatCode(client::close).as("closing the client while it connects").doesNotThrowAnyException();
                Await.untilSeeing("the MQTT client's threads of client " + id + " over after its close",
                        Duration.ofSeconds(60), () -> clientThreads(id).isEmpty(), () -> clientThreads(id));
                assertThat(connectEnd.get() instanceof AssertionError).as("connected, with the CONNACK held").isFalse();
            } finally {
                // The connect's wait, which the close does not end, ended here.
                connecting.interrupt();
                connecting.join(60_000);
            }
        }
    }

    /** The live threads Paho named after {@code clientId} ("MQTT Rec: ...", "MQTT Snd: ...", ...). */
    private static List<String> clientThreads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains(clientId)).sorted().toList();
    }
}
