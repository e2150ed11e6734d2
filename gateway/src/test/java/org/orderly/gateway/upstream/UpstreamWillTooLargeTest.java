package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * A CONNECT larger than the broker's maximum packet size: it carries the will (the gateway's {@code offline}, which
 * repeats the gateway id), so a long gateway id and a small limit make every attempt fail. Mosquitto 2.0.11 (with
 * {@code max_packet_size 150}) closes the connection on it without a CONNACK ("Client &lt;unknown&gt; disconnected due
 * to oversize packet"), so the link cannot know the limit; it said only Paho's "Connection lost (32109) - ...
 * Connection reset". Now its one WARN says the broker closed the connection before answering the CONNECT, its size, the
 * will's topic and size, and what to change.
 */
class UpstreamWillTooLargeTest {
    private static final String GW = "gw-will";
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aConnectOverTheBrokersLimitIsSaidNamingTheWillItsSizeAndWhatToDo() throws Exception {
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_packet_size 150"));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW),
                     UpstreamRig.QUICK_RETRIES)) {
            Await.until("three failed attempts", Duration.ofSeconds(30),
                    () -> rig.upstream.link().failedConnects() >= 3);
            assertThat(broker.log()).contains("disconnected due to oversize packet");
            List<String> said = log.lines("WARN", "upstream: cannot connect to ");
            assertThat(said).as("one line for the attempts that failed alike").hasSize(1);
            assertThat(said.get(0)).contains("the broker closed the connection before answering the CONNECT, of about ")
                    .contains("offline on orderly/v1/" + GW + "/state, ").contains("max_packet_size")
                    .contains("set that above ").contains("shorten the gatewayId");
        }
    }

    /**
     * Every attempt against that broker fails alike, one per backoff for as long as the limit stays: only the first
     * sets its pair aside, the attempts after it reuse the next pair (until 2026-12-05 each set its online and will
     * aside, two rows a backoff for ever).
     */
    @Test
    @Timeout(60)
    void attemptsThatFailAlikeSetAsideOnePairNotOneEach() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_packet_size 150"));
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(broker.url(), GW),
                     UpstreamRig.QUICK_RETRIES)) {
            Await.until("five failed attempts", Duration.ofSeconds(30),
                    () -> rig.upstream.link().failedConnects() >= 5);
            rig.upstream.outbox().flush(Duration.ofSeconds(10));
            assertThat(rig.upstream.outbox().setAsideStored()).as("rows set aside after %s attempts",
                    rig.upstream.link().failedConnects()).isEqualTo(2);
        }
    }
}
