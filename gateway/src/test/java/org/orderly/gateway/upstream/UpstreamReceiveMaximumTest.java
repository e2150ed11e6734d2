package org.orderly.gateway.upstream;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A broker that takes one unacknowledged QoS 1 PUBLISH at a time: Mosquitto with {@code max_inflight_messages 1}
 * announces a Receive Maximum of 1 in its CONNACK, and Paho refuses at once (32202, "Too many publishes in progress")
 * a publish made while one is unacknowledged. The gateway waits for room instead: a backlog drains completely, in
 * order, each message once, over one connection; commands sent meanwhile are answered; the state messages of a
 * reconnect and of a stop go.
 */
class UpstreamReceiveMaximumTest {
    private static final String GW = "gw-rm";
    private static final String HISTORY = "orderly/v1/" + GW + "/cmd/history";
    private static final int BACKLOG = 2000;
    private static final int REQUESTS = 10;
    private static final List<String> ONE_AT_A_TIME = List.of("max_inflight_messages 1");
    private static final LinkTimings TIMINGS = LinkTimings.DEFAULT
            .withReconnect(Duration.ofMillis(250), Duration.ofSeconds(4));

    @TempDir
    Path dir;

    /** Lines that say a publish failed, or the link reconnected, for want of room. */
    private static void assertNoFailureFor(CapturedLog log) {
        assertThat(log.lines("Too many publishes")).as("Paho's refusals (32202) logged").isEmpty();
        assertThat(log.lines("upstream: saying ")).isEmpty();
        assertThat(log.lines("reply to", "failed")).isEmpty();
        assertThat(log.lines("could not say offline")).isEmpty();
        assertThat(log.lines("no room to publish")).isEmpty();
    }

    /** {@value #BACKLOG} events made while the broker is down; the number of the last. */
    private static long backlogWhileTheBrokerIsDown(Mosquitto broker, UpstreamRig rig, GridSide grid) throws Exception {
        broker.stop();
        for (int i = 0; i < BACKLOG; i++) {
            rig.event("test.backlog", "backlog " + i);
        }
        long waitingUpTo = rig.lastSeq();
        broker.start();
        grid.reconnect();
        return waitingUpTo;
    }

    /**
     * The backlog up to {@code waitingUpTo} drains, then the link stops: every number once after de-duplication and in
     * order per topic, each backlog event once (one connection after the outage), the stop's offline acknowledged.
     */
    private static void assertDrainedOnceEachThenStopped(UpstreamRig rig, GridSide grid, long waitingUpTo)
            throws Exception {
        assertThat(rig.drainedUpTo(waitingUpTo, 120_000)).as("backlog drained").isTrue();
        long last = rig.stopDrained(grid, 60_000);
        System.out.println("UpstreamReceiveMaximumTest: " + Delivery.assertCompleteAndOrdered(grid, last));
        Map<String, Long> copies = grid.all().stream()
                .filter(r -> r.json().path("kind").asText().equals("test.backlog"))
                .collect(groupingBy(GridSide.Received::id, counting()));
        assertThat(copies).as("backlog messages that arrived").hasSize(BACKLOG);
        assertThat(copies.values()).as("copies of each (sent over one connection: none twice)").containsOnly(1L);
        assertThat(rig.upstream.link().connects()).as("connections: the first, and one after the outage").isEqualTo(2);
        assertThat(rig.heldSeqs()).as("held after the stop: none, its offline acknowledged").isEmpty();
    }

    @Test
    @Timeout(300)
    void aBacklogDrainsOnceEachInOrderAndCommandsAreAnsweredMeanwhile() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), ONE_AT_A_TIME);
             GridSide grid = new GridSide(broker.url(), GW);
             CapturedLog log = new CapturedLog();
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withDrainPerSecond(5000), TIMINGS)) {
            rig.awaitConnected(20_000);
            assertThat(log.lines("upstream: connected to", "the broker takes 1 unacknowledged at a time"))
                    .as("the window the broker announced, said at the connect").hasSize(1);

            long waitingUpTo = backlogWhileTheBrokerIsDown(broker, rig, grid);
            // The link is back and draining: the will of the connection the outage ended, "online", the backlog.
            grid.await(r -> r.json().path("kind").asText().equals("test.backlog"), 60_000);
            for (int i = 0; i < REQUESTS; i++) {
                JsonNode reply = grid.request(HISTORY, "{\"v\":1,\"id\":\"h-" + i + "\",\"from\":"
                        + "\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-03T00:00:00Z\"}", "h-" + i, 10_000);
                assertThat(reply).as("the reply to request %d, sent while the backlog drains", i).isNotNull();
                assertThat(reply.path("status").asText()).isEqualTo("rejected");
            }
            assertThat(rig.drainedUpTo(waitingUpTo, 0)).as("the backlog still draining after the replies (else"
                    + " they did not share the window with it)").isFalse();

            assertDrainedOnceEachThenStopped(rig, grid, waitingUpTo);
            assertNoFailureFor(log);
        }
    }

    /**
     * Over MQTT 3.1.1 a broker announces no window: the link keeps to its own (Paho 3.1.1's {@code maxInflight}, 20,
     * shared by the drain, the state messages and the replies) whatever the broker's {@code max_inflight_messages}.
     * Paho 3.1.1 refuses a publish beyond it as v5's does (32202): a backlog drains over one connection, each message
     * once, in order, with no refusal, set-aside or reconnect, and the stop's offline is acknowledged.
     */
    @Test
    @Timeout(300)
    void aBacklogOverMqtt311DrainsWithinTheLinksOwnWindow() throws Exception {
        String gw = GW + "-311";
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), ONE_AT_A_TIME);
             GridSide grid = new GridSide(broker.url(), gw);
             CapturedLog log = new CapturedLog();
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(broker.url(), gw)
                     .withDrainPerSecond(5000).withProtocol(MqttProtocol.MQTT311), TIMINGS)) {
            rig.awaitConnected(20_000);
            long waitingUpTo = backlogWhileTheBrokerIsDown(broker, rig, grid);
            assertDrainedOnceEachThenStopped(rig, grid, waitingUpTo);
            assertThat(log.lines(") set aside: ")).as("messages set aside").isEmpty();
            assertThat(log.lines("32202")).as("Paho's refusals by number").isEmpty();
            assertNoFailureFor(log);
        }
    }

    /**
     * The stop's "offline" comes behind the drain's last publish, still unacknowledged (the broker frozen until the
     * link's thread has ended): it waits for room, and is acknowledged once the broker runs again, rather than be
     * refused and left to the broker as the will (held for the next start).
     */
    @Test
    @Timeout(120)
    void aStopWhileTheBacklogDrainsSaysOffline() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), ONE_AT_A_TIME);
             CapturedLog log = new CapturedLog();
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW).withDrainPerSecond(5000), TIMINGS)) {
            rig.awaitConnected(20_000);
            long before = rig.upstream.link().published();
            for (int i = 0; i < BACKLOG; i++) {
                rig.event("test.backlog", "backlog " + i);
            }
            Await.until("the drain under way", Duration.ofSeconds(30),
                    () -> rig.upstream.link().published() > before + 100);
            broker.pause();
            Thread resume = new Thread(() -> {
                try {
                    Await.until("the link's thread ended by the stop", Duration.ofSeconds(30), () -> Thread
                            .getAllStackTraces().keySet().stream().noneMatch(t -> t.getName()
                                    .equals("orderly-upstream-link")));
                    broker.resume();
                } catch (Exception e) {
                    throw new IllegalStateException("resuming the broker", e);
                }
            }, "test-resume-broker");
            resume.start();
            try {
                rig.upstream.close();
            } finally {
                resume.join(30_000);
                broker.resume();
            }
            assertThat(rig.heldSeqs()).as("held after the stop: none, its offline acknowledged").isEmpty();
            assertNoFailureFor(log);
        }
    }

    /**
     * Paho 1.2.5 reads a Receive Maximum above 32767 as negative and then refuses every publish: the connection attempt
     * fails saying so, rather than the link connecting and failing its "online" again and again (each time setting
     * that "online" aside and releasing a will).
     */
    @Test
    @Timeout(120)
    void aReceiveMaximumPahoMisreadsFailsTheConnectSayingSo() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_inflight_messages 40000"));
             CapturedLog log = new CapturedLog();
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), GW,
                     UpstreamRig.plaintext(broker.url(), GW), TIMINGS)) {
            Await.until("two connection attempts failed", Duration.ofSeconds(60),
                    () -> rig.upstream.link().failedConnects() >= 2);
            assertThat(rig.upstream.link().lastFailure()).as("why the link cannot connect")
                    .contains("Receive Maximum of 40000", "Paho 1.2.5 reads as -25536", "max_inflight_messages");
            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(log.lines("upstream: saying ")).isEmpty();
            assertThat(rig.heldSeqs()).as("held: the first pair (online, will), used again by every attempt")
                    .containsExactly(1L, 2L);
        }
    }
}
