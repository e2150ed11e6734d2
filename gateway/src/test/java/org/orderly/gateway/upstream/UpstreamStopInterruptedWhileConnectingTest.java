package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A stop whose own thread is interrupted while it lets a connect under way go on (the CONNACK held back by a relay,
 * the broker frozen so that it does not end that connection at its keep-alive either) still ends that connect: the
 * MQTT client's threads for the connection are over once the stop has returned, and the stopping thread comes back
 * interrupted. Until 2026-12-07 the interrupt skipped the stop's interrupt of the link's thread, which went on waiting
 * for the CONNACK (here 10 minutes), and the MQTT client, still connecting, refused to close ("Connect already in
 * progress", said at DEBUG only): its threads and socket were left, and a CONNACK coming late would have connected a
 * stopped gateway and had it say "online". Paho's wait, when interrupted, also left the attempt going, as it leaves
 * one whose CONNACK did not come in time: that is now ended as that one is. Against a real Mosquitto on 127.0.0.1,
 * over both MQTT versions.
 */
class UpstreamStopInterruptedWhileConnectingTest {
    /** Far longer than the test: the connect would still be waiting for its CONNACK when the test looks. */
    private static final LinkTimings LONG_CONNACK_WAIT = LinkTimings.DEFAULT.withConnack(Duration.ofMinutes(10));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttProtocol.class)
    @Timeout(240)
    void anInterruptedStopStillEndsTheConnectUnderWay(MqttProtocol protocol) throws Exception {
        String gw = "gw-stop-interrupted-connecting-" + protocol.name().toLowerCase();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             AnswerHoldingRelay relay = AnswerHoldingRelay.holdingConnack(broker.port());
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                     UpstreamRig.plaintext(relay.url(), gw).withProtocol(protocol), LONG_CONNACK_WAIT)) {
            assertThat(relay.answerHeld(60)).as("the broker's CONNACK, held").isTrue();
            broker.pause();
            try {
                MqttLink link = rig.upstream.link();
                AtomicBoolean interruptedAfter = new AtomicBoolean();
                Thread stop = new Thread(() -> {
                    link.close();
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                }, "test-stop");
                stop.start();
                Await.until("the stopping thread letting the connect under way go on", Duration.ofSeconds(60),
                        () -> inWaitForConnect(stop));
                stop.interrupt();
                stop.join(120_000);
                assertThat(stop.isAlive()).as("the stop still going").isFalse();
                assertThat(interruptedAfter).as("the stopping thread still interrupted after the stop").isTrue();
                Await.untilSeeing("the MQTT client's threads of client " + gw + " over after the stop",
                        Duration.ofSeconds(60), () -> clientThreads(gw).isEmpty(), () -> clientThreads(gw));
                assertThat(link.connected()).as("connected after the stop").isFalse();
                // Ended by the stop, not by the broker: no failed connect counted (nor its WARN said).
                assertThat(link.failedConnects()).as("failed connects counted").isZero();
            } finally {
                broker.resume();
            }
        }
    }

    /** Whether {@code t} is in the stop's wait for the connect under way. */
    private static boolean inWaitForConnect(Thread t) {
        return t.getState() == Thread.State.TIMED_WAITING && Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getMethodName().equals("awaitOnlineSent"));
    }

    /** The live threads Paho named after {@code clientId} ("MQTT Rec: ...", "MQTT Snd: ...", ...). */
    private static List<String> clientThreads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains(clientId)).sorted().toList();
    }
}
