package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The connection breaks while the link waits for a PUBACK ({@code publishAndWait}): the broker has the message, the
 * gateway never hears so. The message is an earlier connection's {@code offline} that a start sends before its
 * {@code online}: a first run's stop whose {@code offline} a relay kept from the broker leaves it in the store; the next
 * start's first connection goes through {@link PubackCuttingRelay}, which passes that PUBLISH to the broker and cuts
 * the connection as the PUBACK comes back. Nothing is lost and nothing comes out of order (docs/upstream.md: delivery
 * at least once, de-duplicate by {@code id}): the message stays in the outbox and is sent again after the reconnect,
 * the grid side getting it twice with one id; that attempt's {@code online}, never sent, is set aside (its will may be
 * published by the broker, numbered after it) and its will is sent. Against a real Mosquitto on 127.0.0.1.
 */
class UpstreamCutBeforePubackTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aMessageWhosePubackTheCutConnectionLostIsSentAgainOnce() throws Exception {
        String gw = "gw-cut-before-puback";
        String stateTopic = "orderly/v1/" + gw + "/state";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), gw)) {
            long earlier = EarlierOffline.leftIn(db, gw, broker, grid);
            // The broker published it as the will of the first run's connection: counted before this start.
            grid.await(r -> r.topic().equals(stateTopic) && r.seq() == earlier, 30_000);
            long copiesBefore = copies(grid, stateTopic, earlier);

            try (PubackCuttingRelay relay = PubackCuttingRelay.cuttingAtFirstPuback(broker.port());
                 UpstreamRig rig = UpstreamRig.start(db, gw, UpstreamRig.plaintext(relay.url(), gw))) {
                assertThat(relay.pubackKept(60)).as("the first connection cut as its first PUBACK came").isTrue();
                Await.until("connected again after the cut", Duration.ofSeconds(90), () -> rig.upstream.link().connected());
                Await.until("the earlier offline acknowledged", Duration.ofSeconds(30), () -> acknowledged(db, earlier));
                assertThat(rig.upstream.outbox().flush(Duration.ofSeconds(30))).as("the outbox's writer caught up")
                        .isTrue();
                List<GridSide.Received> states = grid.deduplicated().stream()
                        .filter(r -> r.topic().equals(stateTopic)).toList();
                SoftAssertions soft = new SoftAssertions();
                soft.assertThat(copies(grid, stateTopic, earlier) - copiesBefore).as("copies of the earlier offline"
                        + " the grid side got from this start: the cut connection's, then the one sent again")
                        .isEqualTo(2);
                soft.assertThat(states.stream().map(GridSide.Received::seq).toList())
                        .as("the state messages by first arrival: in number order").isSorted();
                soft.assertThat(states.stream().map(r -> r.json().path("state").asText()).toList())
                        .as("the state messages the grid side got, de-duplicated: the first run's online and offline,"
                                + " the cut attempt's will, the new online").containsExactly("online", "offline",
                                "offline", "online");
                soft.assertThat(StateRows.in(db, "outbox_set_aside")).as("set aside: the cut attempt's online only,"
                        + " never sent").hasSize(1).allMatch(row -> row.contains("\"online\""));
                soft.assertAll();
            }
        }
    }

    /** How many times the grid side got message {@code seq} on {@code topic}. */
    private static long copies(GridSide grid, String topic, long seq) {
        return grid.all().stream().filter(r -> r.topic().equals(topic) && r.seq() == seq).count();
    }

    /** Whether message {@code seq} has left the outbox, acknowledged (not set aside). */
    private static boolean acknowledged(Path db, long seq) {
        try {
            return StateRows.in(db, "outbox").stream().noneMatch(row -> row.startsWith(seq + " "))
                    && StateRows.in(db, "outbox_set_aside").stream().noneMatch(row -> row.startsWith(seq + " "));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
