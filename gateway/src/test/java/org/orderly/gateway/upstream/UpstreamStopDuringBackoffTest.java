package org.orderly.gateway.upstream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A stop while the link waits out its back-off after a short connection's loss (the broker stopped within 30 s of the
 * connect, then the gateway restarted while it is down: a service manager's restart, a Kura form saved). The wait ended
 * by the stop was followed by a connection attempt all the same, which stored a fresh {@code online} and will at the
 * stop and left them unused: the next start set that {@code online} aside (an ERROR and an {@code outbox.setAside}
 * event) and sent its will, a stale {@code offline} stamped at the stop (seen with {@code orderly demo --broker}
 * against Mosquitto, 2026-12-06). Against a real Mosquitto on 127.0.0.1, stopped while the link is connected.
 */
class UpstreamStopDuringBackoffTest {
    /** Long enough that the stop certainly comes while the link waits before its next attempt. */
    private static final LinkTimings LONG_BACKOFF = LinkTimings.DEFAULT.withReconnect(Duration.ofMinutes(10),
            Duration.ofMinutes(10));

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void aStopDuringTheBackoffStoresNoPairForTheNextStartToSetAside() throws Exception {
        String gw = "gw-backoff-stop";
        Path db = dir.resolve("orderly.db");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            UpstreamSettings settings = UpstreamRig.plaintext(broker.url(), gw).withTelemetryPeriod(Duration.ofSeconds(1));
            try (UpstreamRig rig = UpstreamRig.start(db, gw, settings, LONG_BACKOFF)) {
                Await.until("connected", Duration.ofSeconds(60), () -> rig.upstream.link().connected());
                broker.stop(); // well within the 30 s a connection must last to reset the back-off
                Await.until("the loss taken and the back-off's wait begun", Duration.ofSeconds(60),
                        () -> rig.upstream.link().losses() > 0 && !rig.upstream.link().reconnectWaits().isEmpty());
            }
            SoftAssertions soft = new SoftAssertions();
            List<String> waiting = StateRows.in(db, "outbox");
            // The first connection's will, released at its loss, and no pair: no attempt came after the stop.
            soft.assertThat(waiting).as("the state messages left for the next start").hasSize(1);
            soft.assertThat(waiting).as("the released will").allMatch(row -> row.contains("\"state\":\"offline\""));

            try (UpstreamRig rig = UpstreamRig.start(db, gw, settings, LONG_BACKOFF)) {
                Await.until("a connection tried with the broker down", Duration.ofSeconds(60),
                        () -> rig.upstream.link().failedConnects() > 0);
            }
            soft.assertThat(StateRows.in(db, "outbox_set_aside")).as("no online set aside by the start after the stop")
                    .isEmpty();
            soft.assertAll();
        }
    }
}
