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
 * A broker that took the CONNECT but whose CONNACK never reaches the gateway (a relay holding it) ends the connection
 * itself after 1.5 times the keep-alive (Mosquitto: 15 s): the link says so, not the hint for a CONNECT over the
 * broker's size limit, which a broker closes at once ({@code UpstreamWillTooLargeTest} keeps that one). Until 2026-12-06
 * the size hint was said of both.
 */
class UpstreamClosedAtKeepAliveTest {
    private static final String GW = "gw-keepalive";

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void aConnectionClosedAtTheKeepAliveIsNotSaidAsAConnectTooLarge() throws Exception {
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             ConnackHoldingRelay relay = new ConnackHoldingRelay(broker.port());
             // The link's own CONNACK wait longer than the broker's keep-alive close, so that the broker's close ends it.
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW, UpstreamRig.plaintext(relay.url(), GW),
                     LinkTimings.DEFAULT.withConnack(Duration.ofSeconds(90)))) {
            Await.until("the first attempt ended", Duration.ofSeconds(150),
                    () -> rig.upstream.link().failedConnects() >= 1);
            assertThat(broker.log()).contains("as " + GW + " ");
            List<String> said = log.lines("WARN", "upstream: cannot connect to ");
            assertThat(said).hasSize(1);
            assertThat(said.get(0)).doesNotContain("max_packet_size").doesNotContain("maximum packet size")
                    .contains("without answering the CONNECT, 10 s or more after it")
                    .contains("1.5 times the keep-alive (10 s)");
        }
    }
}
