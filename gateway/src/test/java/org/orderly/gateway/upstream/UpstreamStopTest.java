package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Mosquitto;

/**
 * When the gateway stops, the grid is told: the retained {@code state} becomes "offline". Also when the broker does
 * not answer within the 2 s the stop waits for it (the gateway logs that it could not say offline): the PUBLISH was
 * written before the end of the connection, and the broker reads them in that order once it runs again (that end
 * leaves the broker the will, the same offline, to publish as well: {@link UpstreamStopOfflineLostTest}). Against a
 * real Mosquitto, over both MQTT versions.
 */
class UpstreamStopTest {
    @TempDir
    Path dir;

    /** Each MQTT version, with the broker answering at the stop and with it frozen (SIGSTOP) until the stop is over. */
    static Stream<Arguments> stops() {
        return Stream.of(MqttProtocol.values()).flatMap(p -> Stream.of(Arguments.of(p, false), Arguments.of(p, true)));
    }

    @ParameterizedTest(name = "{0}, broker frozen at the stop: {1}")
    @MethodSource("stops")
    @Timeout(90)
    void aStopLeavesTheStateOffline(MqttProtocol protocol, boolean brokerFrozen) throws Exception {
        String gw = "gw-stop-" + protocol.name().toLowerCase();
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of())) {
            UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(broker.url(), gw)
                    .withTelemetryPeriod(Duration.ofSeconds(1)).withProtocol(protocol));
            try {
                assertThat(retainedState(broker, gw, "online")).isEqualTo("online");
            } finally {
                if (brokerFrozen) {
                    broker.pause();
                }
                try {
                    rig.close();
                } finally {
                    if (brokerFrozen) {
                        broker.resume();
                    }
                }
            }

            assertThat(retainedState(broker, gw, "offline")).as("the broker's log ends:%n%s", tail(broker.log()))
                    .isEqualTo("offline");
        }
    }

    /**
     * A stop asked for twice (a test's own stop, then its try-with-resources; a service manager and a shutdown hook) is
     * taken once: one offline, one line saying the link stopped (it said so twice). That line counts every message the
     * broker acknowledged, the stop's own {@code offline} too: it said one fewer than a subscriber got (until
     * 2026-12-05 that offline was not counted).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttProtocol.class)
    @Timeout(90)
    void aSecondStopDoesNothing(MqttProtocol protocol) throws Exception {
        String gw = "gw-stop-twice-" + protocol.name().toLowerCase();
        try (Mosquitto broker = Mosquitto.startPersistent(dir.resolve("broker"), List.of());
             GridSide grid = new GridSide(broker.url(), gw);
             CapturedLog log = new CapturedLog()) {
            UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw, UpstreamRig.plaintext(broker.url(), gw)
                    .withProtocol(protocol));
            rig.awaitConnected(20_000);
            rig.quiet();
            assertThat(rig.drainedUpTo(rig.lastSeq(), 30_000)).as("everything numbered sent").isTrue();
            rig.upstream.close();
            rig.close();
            grid.await(r -> r.json().path("state").asText().equals("offline"), 10_000);
            List<String> said = log.lines("upstream: stopped after");
            assertThat(said).as("lines saying the link stopped").hasSize(1);
            int got = grid.deduplicated().size();
            assertThat(said.get(0)).as("the subscriber got %s", grid.deduplicated())
                    .contains("upstream: stopped after " + got + " messages acknowledged");
            assertThat(grid.all().stream().filter(r -> r.json().path("state").asText().equals("offline")))
                    .as("offline messages").hasSize(1);
        }
    }

    /**
     * The state a grid client subscribing now is given, once it is {@code expected}, or the last one seen within
     * 20 s (null: none).
     */
    static String retainedState(Mosquitto broker, String gw, String expected) throws Exception {
        String last = null;
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            try (GridSide late = new GridSide(broker.url(), gw)) {
                last = late.await(r -> r.topic().equals("orderly/v1/" + gw + "/state"), 5_000).json().path("state")
                        .asText();
            } catch (AssertionError noStateYet) {
                last = null;
            }
            if (expected.equals(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 3000));
    }
}
