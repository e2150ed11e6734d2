package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A broker that accepts the gateway's connection but refuses its subscription to the command topics (Mosquitto's
 * dynamic security plugin denying them: reason code 0x87 in the v5 SUBACK; over MQTT 3.1.1, 0x80 from a proxy).
 * Publishing works, so telemetry must keep flowing; the refusal is said once (an event
 * naming the topic and the reason code), the subscription is asked for again with back-off, and the link does not
 * reconnect over and over, setting aside an {@code online} each time. By default the link's waits are a tenth of the
 * gateway's (a SUBACK waited for 1 s, asked for again after 1 s doubling to 30 s) over a window of 8 s; with
 * {@code orderly.refusedSeconds} (120 for the measurement in docs/upstream.md) the gateway's own waits over that
 * window.
 */
class UpstreamSubscribeRefusedTest {
    private static final String GW = "gw-acl";
    private static final Long WINDOW_GIVEN = Long.getLong("orderly.refusedSeconds");
    private static final long WINDOW_S = WINDOW_GIVEN == null ? 8 : WINDOW_GIVEN;
    private static final LinkTimings TIMINGS = WINDOW_GIVEN != null ? LinkTimings.DEFAULT
            : LinkTimings.DEFAULT.withSubscription(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(30));
    /** Telemetry at this period: the window sees several, and the last check waits for one. */
    private static final Duration TELEMETRY = Duration.ofSeconds(1);
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aRefusedSubscriptionKeepsTelemetryFlowingWithoutReconnecting() throws Exception {
        // Every client may do anything but subscribe to this gateway's two command topics (0x87 in a v5 SUBACK).
        try (Mosquitto broker = CommandsDenied.start(dir, GW);
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, settings(broker.url()), TIMINGS)) {
            theRefusalIsSaidOnceAndTelemetryFlows(broker, grid, rig, "0x87", "refused", "cannot be received");
        }
    }

    /**
     * MQTT 3.1.1, through a proxy that makes the broker's SUBACK say 0x80 (failure) for each topic, as a 3.1.1 broker
     * with an ACL answers (Mosquitto 2.0.11 grants a denied subscription to a 3.1.1 client and delivers nothing).
     */
    @Test
    @Timeout(300)
    void overMqtt311ARefusalIsHandledTheSameWay() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port());
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     settings(proxy.url()).withProtocol(MqttProtocol.MQTT311), TIMINGS)) {
            theRefusalIsSaidOnceAndTelemetryFlows(broker, grid, rig, "0x80", "refused", "cannot be received");
        }
    }

    /**
     * A broker that never answers the SUBSCRIBE (the proxy drops its SUBACK; MQTT v5): once the wait for it is over the
     * subscription counts as refused, as above. The connection is kept, not made again after every wait with its
     * {@code online} set aside.
     */
    @Test
    @Timeout(300)
    void aSubscriptionNeverAnsweredIsHandledTheSameWay() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             RefuseSubscribeProxy proxy = new RefuseSubscribeProxy(broker.port(), RefuseSubscribeProxy.Suback.DROPPED);
             GridSide grid = new GridSide(broker.url(), GW);
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, settings(proxy.url()), TIMINGS)) {
            theRefusalIsSaidOnceAndTelemetryFlows(broker, grid, rig, "no SUBACK", "did not answer",
                    "may not be received");
        }
    }

    private static void theRefusalIsSaidOnceAndTelemetryFlows(Mosquitto broker, GridSide grid, UpstreamRig rig,
                                                              String... said) throws Exception {
        long began = System.currentTimeMillis();
        Thread.sleep(WINDOW_S * 1000);
        long telemetryBefore = telemetry(grid);
        Await.until("telemetry still arriving at the end of the window", Duration.ofSeconds(20),
                () -> telemetry(grid) > telemetryBefore);
        long connects = count(broker.log(), "New client connected from", "as " + GW);
        long subscribes = count(broker.log(), "Received SUBSCRIBE from " + GW, "");
        long setAside = rig.upstream.outbox().setAsideCount();
        System.out.printf("MEASURED over %d s: %d connections, %d SUBSCRIBEs, %d messages set aside,"
                        + " %d telemetry messages received%n", (System.currentTimeMillis() - began) / 1000,
                connects, subscribes, setAside, telemetry(grid));

        assertThat(connects).as("connections made while the subscription is refused").isEqualTo(1);
        assertThat(setAside).as("messages set aside").isZero();
        GridSide.Received refused = grid.await(r -> r.json().path("kind").asText()
                .equals("upstream.commandsRefused"), 1_000);
        assertThat(refused.json().path("message").asText()).contains("orderly/v1/gw-acl/cmd/cap")
                .contains(said);
        assertThat(grid.all().stream().filter(r -> r.json().path("kind").asText()
                .equals("upstream.commandsRefused")).count()).as("refusal events").isEqualTo(1);
        // Asked for again with back-off: more than once, far fewer than once a second (at the gateway's waits; at a
        // tenth of them, far fewer than ten times a second).
        long perEight = TIMINGS.resubscribeFirst().toMillis() * 8 / 10;
        assertThat(subscribes).as("SUBSCRIBEs in %d s", WINDOW_S).isBetween(2L, 2 + WINDOW_S * 1000 / perEight);
    }

    private static UpstreamSettings settings(String broker) {
        return UpstreamRig.plaintext(broker, GW).withTelemetryPeriod(TELEMETRY);
    }

    private static long telemetry(GridSide grid) {
        return grid.all().stream().filter(r -> r.topic().endsWith("/telemetry")).count();
    }

    private static long count(String log, String what, String and) {
        return log.lines().filter(l -> l.contains(what) && l.contains(and)).count();
    }
}
