package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * The shortest lease the commands and the configuration take, 5 s, against a real bridge: its requests get the usual 2
 * s, as the gateway's own do, and the lease is renewed every 1 s instead of ttl/3 so that a renewal taking all of it
 * still lands in time ({@code LeaseTiming.refreshEvery}); a timeout the lease cannot hold would stop the command on the
 * driver's own check before asking anything.
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
            assertThat(r.out()).startsWith("set 10 A for 5 s; read back: p1: ").contains("limit lease until");
        }
    }

    @Test
    void pileSetWithAFiveSecondLeaseWaitsForAPutAnsweredASecondLate() throws Exception {
        // The relay holds the bridge's answer to the first PUT /limit back 1 s, as a bridge or a computer under load
        // answers late: well within one CoAP exchange (Californium would not send it again before 2 s). Until
        // 2026-12-02 a 5 s lease gave each request 833 ms (half of ttl/3), so that PUT, which the bridge took, was
        // counted lost ('read back after 1 failed request') and sent again.
        try (Bridge b = new Bridge("p1");
                HoldBackProxy slow = new HoldBackProxy(b.port(), 1000, LossyProxy.firstOnly(HoldBackProxy::changed))) {
            OrderlyRun r = OrderlyRun.of("pile", "set", "10", "--ttl-s", "5", "--coap", "127.0.0.1", "--coap-port",
                    Integer.toString(slow.port()), "--plain", "--id", "p1");
            assertThat(slow.heldBack()).as("the first PUT's answer was held back").isEqualTo(1);
            assertThat(r.err()).doesNotContain("failed request").doesNotContain("TIMEOUT");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("set 10 A for 5 s; read back: p1: ").contains("limit lease until");
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
