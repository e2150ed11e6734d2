package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.testkit.Mosquitto;

/**
 * A stop that comes while the link waits for the PUBACK of its connection's "online" does not wait for it: the stop's
 * "offline" follows on that connection at once. Until 2026-12-06 the stop let that wait run out (10 s), then said
 * offline; here the wait is an hour, so a stop that waits for it says nothing on that connection, which Paho ends at
 * its keep-alive (no PINGRESP comes) before the wait is over. The broker never
 * answers ({@link PubackHoldingRelay} drops what it sends once "online" is published), so neither message is
 * acknowledged: both stay in the store, and the next start, straight on the broker, sends the "offline" again and sets
 * the "online" aside (the broker may have published the will, numbered after it); none is lost. Against a real
 * Mosquitto on 127.0.0.1.
 */
class UpstreamStopCutsOnlineWaitTest {
    /** Far above what a stop that does not wait for the link's own PUBACK waits takes; far below those waits. */
    static final Duration STOP_RETURNS = Duration.ofSeconds(120);
    static final LinkTimings HOUR_FOR_A_STATE_ACK = LinkTimings.DEFAULT.withStateAck(Duration.ofHours(1));

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aStopDoesNotWaitForTheOnlinesPubackAndLosesNoStateMessage() throws Exception {
        String gw = "gw-stop-cuts-online-wait";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             PubackHoldingRelay relay = new PubackHoldingRelay(broker.port());
             GridSide grid = new GridSide(broker.url(), gw)) {
            relay.holdAfterNextOnline();
            List<String> unacknowledged;
            try (UpstreamRig rig = UpstreamRig.start(db, gw, UpstreamRig.plaintext(relay.url(), gw),
                    HOUR_FOR_A_STATE_ACK)) {
                assertThat(relay.onlineHeld(60)).as("the gateway's online, its PUBACK held").isTrue();
                Thread stop = new Thread(rig.upstream.link()::close, "test-stop");
                stop.start();
                assertThat(relay.offlineOnHeld(60)).as("the stop's offline sent on the connection whose online awaits"
                        + " its PUBACK; until 2026-12-06 the stop waited for that PUBACK (an hour here) and the"
                        + " connection ended first, at its keep-alive").isTrue();
                stop.join(STOP_RETURNS.toMillis());
                assertThat(stop.isAlive()).as("the stop still going after %s", STOP_RETURNS).isFalse();
                assertThat(rig.upstream.outbox().flush(Duration.ofSeconds(30))).as("the outbox's writer caught up")
                        .isTrue();
                unacknowledged = StateRows.in(db, "outbox");
            }
            assertThat(unacknowledged).as("the state messages left in the store by the stop: its online and offline,"
                    + " neither acknowledged").hasSize(2);

            List<String> states = UpstreamRig.statesAfterNextStart(db, gw, UpstreamRig.plaintext(broker.url(), gw), grid);
            List<String> waiting = StateRows.in(db, "outbox").stream().filter(unacknowledged::contains).toList();
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(states).as("the state messages the grid side got, by number").containsExactly("online",
                    "offline", "online");
            soft.assertThat(StateRows.in(db, "outbox_set_aside")).as("the first online, set aside at the next start")
                    .containsExactly(unacknowledged.get(0));
            soft.assertThat(waiting).as("the stop's state messages still waiting after the next start").isEmpty();
            soft.assertAll();
        }
    }
}
