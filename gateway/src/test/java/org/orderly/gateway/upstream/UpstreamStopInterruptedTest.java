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
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A thread that stops the link, interrupted while the stop waits on the MQTT client (for the PUBACK of its
 * {@code offline}, which a relay keeps from the broker), comes back from the stop still interrupted, and the stop is
 * still whole: the broker publishes the will, the retained state is {@code offline}. Paho takes the interrupt in its
 * token wait and clears the thread's flag; until 2026-12-06 the link left it so, and the stopping thread (the
 * gateway's stop, the Kura deactivate) went on as if no one had interrupted it. Against a real Mosquitto on 127.0.0.1,
 * over both MQTT versions.
 */
class UpstreamStopInterruptedTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttProtocol.class)
    @Timeout(180)
    void anInterruptDuringTheStopsWaitOnTheBrokerIsKept(MqttProtocol protocol) throws Exception {
        String gw = "gw-stop-interrupted-" + protocol.name().toLowerCase();
        String stateTopic = "orderly/v1/" + gw + "/state";
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             PubackHoldingRelay relay = new PubackHoldingRelay(broker.port());
             GridSide grid = new GridSide(broker.url(), gw);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                     UpstreamRig.plaintext(relay.url(), gw).withProtocol(protocol))) {
            GridSide.Received online = grid.await(r -> r.topic().equals(stateTopic)
                    && r.json().path("state").asText().equals("online"), 60_000);
            long will = online.json().path("will").asLong();
            relay.loseOfflines();
            AtomicBoolean interruptedAfter = new AtomicBoolean();
            Thread stop = new Thread(() -> {
                rig.upstream.link().close();
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }, "test-stop");
            stop.start();
            // The offline has passed Paho, so the stop waits for its PUBACK (2 s), which never comes. The interrupt
            // is given once the stopping thread is seen in that wait, not at a time after the offline was lost: on a
            // loaded machine the 2 s and the disconnect's wait could both have run out by then (until 2026-12-06).
            Await.until("the stop's offline kept from the broker", Duration.ofSeconds(60), relay::offlineLost);
            Await.until("the stopping thread in its wait for the offline's PUBACK", Duration.ofSeconds(60),
                    () -> inWaitForPuback(stop));
            stop.interrupt();
            stop.join(120_000);
            assertThat(stop.isAlive()).as("the stop still going").isFalse();
            assertThat(interruptedAfter).as("the stopping thread still interrupted after the stop; until 2026-12-06"
                    + " Paho's wait for the offline's PUBACK took the interrupt and the link left it cleared").isTrue();
            GridSide.Received published = grid.await(r -> r.topic().equals(stateTopic)
                    && r.json().path("state").asText().equals("offline"), 30_000);
            assertThat(published.seq()).as("the offline the broker published: the connection's will").isEqualTo(will);
            assertThat(UpstreamStopTest.retainedState(broker, gw, "offline")).as("the retained state after the stop")
                    .isEqualTo("offline");
        }
    }

    /** Whether {@code t} is waiting in Paho's token wait within the link's publish-and-wait (the offline's PUBACK). */
    private static boolean inWaitForPuback(Thread t) {
        List<String> methods = Arrays.stream(t.getStackTrace()).map(StackTraceElement::getMethodName).toList();
        return t.getState() == Thread.State.TIMED_WAITING && methods.contains("waitForCompletion")
                && methods.contains("publishAndWait");
    }
}
