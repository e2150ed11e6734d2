package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A connection whose earlier {@code state} message (sent before its {@code online}: a first run's {@code offline} a
 * relay kept from the broker) gets no PUBACK in time: the attempt fails, and its WARN names that message, an earlier
 * connection's offline with its own number, not the connection's {@code online} (until 2026-12-07 it said "saying
 * online" with the online's number, whichever message failed). The broker takes every PUBLISH of that connection and
 * acknowledges none ({@link PubackCuttingRelay#droppingPubacks}); the link reconnects and gets through. Against a real
 * Mosquitto on 127.0.0.1.
 */
class UpstreamEarlierStateFailedTest {
    /** Long enough for a PUBACK on a loaded machine were it let through; this one never is. */
    private static final LinkTimings STATE_ACK = LinkTimings.DEFAULT.withStateAck(Duration.ofSeconds(3));

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void theFailureNamesTheEarlierOfflineThatGotNoPuback() throws Exception {
        String gw = "gw-earlier-state-failed";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             GridSide grid = new GridSide(broker.url(), gw)) {
            long earlier = EarlierOffline.leftIn(db, gw, broker, grid);
            try (CapturedLog log = new CapturedLog();
                 PubackCuttingRelay relay = PubackCuttingRelay.droppingPubacks(broker.port());
                 UpstreamRig rig = UpstreamRig.start(db, gw, UpstreamRig.plaintext(relay.url(), gw), STATE_ACK)) {
                assertThat(relay.pubackKept(60)).as("the earlier offline's PUBACK kept from the gateway").isTrue();
                Await.until("the attempt's failure said", Duration.ofSeconds(60),
                        () -> !log.lines("WARN", "upstream: saying ").isEmpty());
                List<String> said = log.lines("WARN", "upstream: saying ");
                assertThat(said).as("the failure said").hasSize(1);
                assertThat(said.get(0)).as("the state message the failure names").contains(
                        "upstream: saying an earlier connection's offline (message " + earlier + ", a PUBLISH of ");
                Await.until("connected through the relay's second connection", Duration.ofSeconds(60),
                        () -> rig.upstream.link().connected());
            }
        }
    }
}
