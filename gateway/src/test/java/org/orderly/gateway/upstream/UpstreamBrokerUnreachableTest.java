package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * An {@code upstream.broker} whose port nothing listens at (an installer's wrong port, or host): the MQTT client says
 * only "Connection refused", so the link's one WARN for the attempts that fail alike names what to check and where.
 */
class UpstreamBrokerUnreachableTest {
    private static final String GW = "gw-unreachable";
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aPortNothingListensAtIsNamedAsTheSettingToCheck() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (CapturedLog log = new CapturedLog();
             UpstreamRig rig = UpstreamRig.start(dir.resolve("gw.db"), GW,
                     UpstreamRig.plaintext("tcp://127.0.0.1:" + port, GW), UpstreamRig.QUICK_RETRIES)) {
            Await.until("three failed attempts", Duration.ofSeconds(30),
                    () -> rig.upstream.link().failedConnects() >= 3);
            List<String> said = log.lines("WARN", "upstream: cannot connect to ");
            assertThat(said).as("one line for the attempts that failed alike").hasSize(1);
            assertThat(said.get(0)).contains("Connection refused")
                    .contains("; check upstream.broker: nothing listens at 127.0.0.1:" + port);
        }
    }
}
