package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * Restarts while the broker is down (Kura restarts the gateway at each save of its form, a service manager at each
 * restart): a stop that no broker heard leaves its held {@code online} and will unsent, and only the latest state
 * matters, so the next start connects with that pair rather than set the {@code online} aside and send the will. Once
 * the broker is back the grid is told {@code online} once, not a stale {@code offline} for every restart. Against a
 * real Mosquitto on 127.0.0.1, stopped while the gateway restarts.
 */
class UpstreamRestartBrokerDownTest {
    private static final int RESTARTS = 3;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void restartsWhileTheBrokerIsDownLeaveOneOnlineAndNoStaleState() throws Exception {
        String gw = "gw-restarts";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            broker.stop(); // its port known and nothing listening on it
            UpstreamSettings settings = UpstreamRig.plaintext(broker.url(), gw).withTelemetryPeriod(Duration.ofSeconds(1));
            List<List<Long>> heldAtStop = new ArrayList<>();
            for (int i = 0; i < RESTARTS; i++) {
                try (UpstreamRig rig = UpstreamRig.start(db, gw, settings)) {
                    Await.until("a connection tried, its online and will stored, held", Duration.ofSeconds(30),
                            () -> rig.upstream.link().failedConnects() > 0 && heldSeqs(rig).size() == 2);
                    heldAtStop.add(heldSeqs(rig));
                }
            }

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(heldAtStop).as("each start connects with the pair the stop before it kept")
                    .containsOnly(heldAtStop.get(0));
            soft.assertThat(StateRows.in(db, "outbox_set_aside")).as("no online set aside").isEmpty();
            soft.assertThat(StateRows.in(db, "outbox")).as("the state messages waiting: the held online and will only")
                    .hasSize(2);

            broker.start();
            try (UpstreamRig rig = UpstreamRig.start(db, gw, settings)) {
                Await.until("connected", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
                rig.quiet();
                assertThat(rig.drainedUpTo(rig.lastSeq(), 60_000)).as("the backlog sent").isTrue();
            }
            String topic = "'orderly/v1/" + gw + "/state'";
            List<String> published = broker.log().lines()
                    .filter(l -> l.contains("Received PUBLISH from") && l.contains(topic)).toList();
            // The online at connect, and the offline of the stop after it: nothing stale before them.
            soft.assertThat(published).as("the state messages the broker was given").hasSize(2);
            soft.assertAll();
        }
    }

    private static List<Long> heldSeqs(UpstreamRig rig) {
        try {
            return rig.heldSeqs();
        } catch (SQLException e) {
            throw new AssertionError("reading the held rows failed", e);
        }
    }
}
