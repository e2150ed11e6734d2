package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.gateway.upstream.link.BrokerClient;
import org.orderly.gateway.upstream.link.ConnectRequest;
import org.orderly.gateway.upstream.link.IncomingCommand;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Mosquitto;

/**
 * What a subscriber of the {@code state} topic sees when the stop's last step finds the MQTT client still connected
 * or connecting, which Paho refuses to close ("Client is connected", "Connect already in progress"), and the client
 * ends that connection itself before closing (PahoClose): the broker publishes the connection's will, the
 * {@code offline} the CONNECT carried, as for a connection lost, and keeps it as the retained state. No DISCONNECT goes
 * first: one with reason code 0x00 would have the broker discard that will, and the stop reaches this step only for
 * a connection it published no {@code offline} on (docs/upstream.md, "state (retained)"). Against a real Mosquitto
 * on 127.0.0.1, over both MQTT versions: connected straight to it, and connecting through a relay holding the CONNACK.
 */
class UpstreamForcedCloseWillTest {
    @TempDir
    Path dir;

    static Stream<Arguments> closes() {
        return Stream.of(MqttProtocol.values()).flatMap(p -> Stream.of(Arguments.of(p, true), Arguments.of(p, false)));
    }

    @ParameterizedTest(name = "{0}, connected: {1}")
    @MethodSource("closes")
    @Timeout(120)
    void theBrokerPublishesTheWillOfAClientClosedWhileConnected(MqttProtocol protocol, boolean connected)
            throws Exception {
        String gw = "gw-forced-close-" + protocol.name().toLowerCase() + (connected ? "-connected" : "-connecting");
        String stateTopic = "orderly/v1/" + gw + "/state";
        String willJson = "{\"v\":1,\"type\":\"state\",\"id\":\"" + gw + ":7\",\"seq\":7,\"gatewayId\":\"" + gw
                + "\",\"ts\":\"2026-12-07T06:00:00Z\",\"state\":\"offline\"}";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             AnswerHoldingRelay relay = AnswerHoldingRelay.holdingConnack(broker.port());
             GridSide grid = new GridSide(broker.url(), gw)) {
            BrokerClient client = BrokerClient.create(protocol, connected ? broker.url() : relay.url(), gw,
                    new BrokerClient.Events() {
                        @Override
                        public void lost(String why) {
                            // The close ends the connection: what the broker then does is the test's.
                        }

                        @Override
                        public void arrived(IncomingCommand command) {
                            // No subscription: none arrives.
                        }
                    });
            ConnectRequest request = new ConnectRequest(stateTopic, willJson.getBytes(StandardCharsets.UTF_8),
                    Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(60));
            Thread connecting = new Thread(() -> {
                try {
                    client.connect(request);
                } catch (Exception e) {
                    // Connecting: the close ends the attempt, whose wait the test ends below.
                }
            }, "test-connect");
            try {
                if (connected) {
                    client.connect(request);
                    assertThat(client.isConnected()).as("connected").isTrue();
                } else {
                    connecting.start();
                    assertThat(relay.answerHeld(60)).as("the broker's CONNACK, held").isTrue();
                }
                assertThatCode(client::close).as("closing the client").doesNotThrowAnyException();

                GridSide.Received will = grid.await(r -> r.topic().equals(stateTopic), 30_000);
                assertThat(new String(willBytes(will), StandardCharsets.UTF_8)).as("what the subscriber got")
                        .isEqualTo(willJson);
                assertThat(UpstreamStopTest.retainedState(broker, gw, "offline")).as("the retained state")
                        .isEqualTo("offline");
                List<GridSide.Received> states = grid.all().stream().filter(r -> r.topic().equals(stateTopic)).toList();
                System.out.printf("UpstreamForcedCloseWillTest %s, connected %s: the subscriber got %d state message(s):"
                        + " %s, retained flag %s%n", protocol, connected, states.size(), will.json(), will.retained());
                assertThat(states).as("state messages the subscriber got").hasSize(1);
            } finally {
                connecting.interrupt();
                connecting.join(60_000);
            }
        }
    }

    private static byte[] willBytes(GridSide.Received r) {
        return r.json().toString().getBytes(StandardCharsets.UTF_8);
    }
}
