package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * The shortest lease the commands and the configuration take, 5 s (refreshed every 1.7 s), against a real bridge: the
 * driver's request timeout must fit within the refresh, as the gateway's own does (the shorter of 2 s and half the
 * refresh), or the command stops on the driver's own check before asking anything.
 */
class ShortLeaseTest {
    @TempDir
    Path dir;

    @Test
    void pileSetTakesAFiveSecondLease() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--ttl-s", "5", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(b.port()), "--plain", "--id", "p1");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("set 10.0 A for 5 s; read back: p1: ").contains("limit lease until");
        }
    }

    @Test
    void selftestReadsAPileWhoseLeaseIsFiveSeconds() throws Exception {
        try (Bridge b = new Bridge("p1")) {
            Path config = SelftestYaml.plainPiles(dir, LoopbackPorts.free(), b.port());
            Files.writeString(config, Files.readString(config).replace("plain: true", "plain: true, ttlSeconds: 5"));
            OrderlyRun s = OrderlyRun.of("selftest", "--config", config.toString(), "--devices", "../config/devices", "--wait-s", "4");
            assertThat(s.err()).doesNotContain("request timeout");
            assertThat(s.out()).as(s.err()).containsPattern("p1\\s+pile\\s+coap 127.0.0.1:" + b.port() + "\\s+PASS\\s+state A");
        }
    }
}
