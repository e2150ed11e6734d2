package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * A stop that comes while a connect waits for the PUBACK of an earlier {@code state} message (sent before the
 * connection's {@code online}) gives that wait 2 s past the CONNACK's ({@code MqttLink.STOP_ACK_WAIT_MS}), not the
 * link's own wait for it: here an hour, so a stop that waited for it would not return. The CONNACK's wait is 5 s here,
 * not the gateway's 15 s (the stop waits it out; the broker's CONNACK on 127.0.0.1 comes in milliseconds). The broker
 * takes every PUBLISH and acknowledges none ({@link PubackCuttingRelay#droppingPubacks}); the earlier message is a
 * first run's {@code offline} a relay kept from the broker. What the stop leaves is kept for the next start: the earlier
 * {@code offline}, not acknowledged, and the stop's own, both waiting in the outbox and sent again then; the
 * {@code online}, never sent, held, and set aside then (the broker may have published the will, numbered after it).
 * Against a real Mosquitto on 127.0.0.1.
 */
class UpstreamStopEarlierStatesUnackedTest {
    private static final Duration CONNACK = Duration.ofSeconds(5);
    @TempDir
    Path dir;

    @Test
    @Timeout(400)
    void aStopCutsTheWaitForAnEarlierStatesPubackAndKeepsWhatIsUnacknowledged() throws Exception {
        String gw = "gw-stop-earlier-unacked";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), gw)) {
            long earlier = EarlierOffline.leftIn(db, gw, broker, grid);

            List<String> left;
            try (PubackCuttingRelay relay = PubackCuttingRelay.droppingPubacks(broker.port());
                 UpstreamRig rig = UpstreamRig.start(db, gw, UpstreamRig.plaintext(relay.url(), gw),
                         UpstreamStopCutsOnlineWaitTest.HOUR_FOR_A_STATE_ACK.withConnack(CONNACK))) {
                assertThat(relay.pubackKept(60)).as("the earlier offline's PUBACK kept from the gateway").isTrue();
                Thread stop = new Thread(rig.upstream.link()::close, "test-stop");
                stop.start();
                stop.join(UpstreamStopCutsOnlineWaitTest.STOP_RETURNS.toMillis());
                assertThat(stop.isAlive()).as("the stop still going after %s: it waits for the link's own wait for"
                        + " the earlier offline's PUBACK (an hour here)",
                        UpstreamStopCutsOnlineWaitTest.STOP_RETURNS).isFalse();
                assertThat(rig.upstream.link().connected()).as("connected after the stop").isFalse();
                assertThat(rig.upstream.outbox().flush(Duration.ofSeconds(30))).as("the outbox's writer caught up")
                        .isTrue();
                left = StateRows.in(db, "outbox");
            }
            SoftAssertions kept = new SoftAssertions();
            kept.assertThat(left).as("the state messages the stop left: the earlier offline, then this run's online and"
                    + " offline, none acknowledged").hasSize(3);
            kept.assertThat(left).as("the earlier offline among them").anyMatch(row -> row.startsWith(earlier + " "));
            kept.assertThat(StateRows.in(db, "outbox_set_aside")).as("set aside by the stop").isEmpty();
            kept.assertAll();

            List<String> states = UpstreamRig.statesAfterNextStart(db, gw, UpstreamRig.plaintext(broker.url(), gw), grid);
            List<String> waiting = StateRows.in(db, "outbox").stream().filter(left::contains).toList();
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(states).as("the state messages the grid side got, by number: the first run's online and"
                    + " offline, the stopped run's offline, the new online").containsExactly("online", "offline",
                    "offline", "online");
            soft.assertThat(StateRows.in(db, "outbox_set_aside")).as("the stopped run's online, never sent, set aside"
                    + " at the next start").containsExactly(left.get(1));
            soft.assertThat(waiting).as("the stop's state messages still waiting after the next start").isEmpty();
            soft.assertAll();
        }
    }
}
