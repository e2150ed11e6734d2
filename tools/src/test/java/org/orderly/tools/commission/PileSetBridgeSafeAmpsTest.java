package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orderly.tools.testing.OrderlyRun;
import org.orderly.tools.testing.StderrLog;

/**
 * {@code orderly pile get} and {@code pile set} against a bridge whose safe current is not the driver's default: the
 * commands have no configuration, so the driver's WARN that {@code driver.coap.safeAmps} differs from the bridge's
 * {@code /info} would name a key the installer did not give. Until 2026-12-03 pile set printed it. A real bridge on
 * loopback started as {@code --safe-amps 10}.
 */
class PileSetBridgeSafeAmpsTest {

    @Test
    void noWarnAboutAConfigurationTheCommandDoesNotHave() throws Exception {
        try (Bridge b = Bridge.withSafeAmps("p1", 10)) {
            StderrLog set = StderrLog.during(() -> OrderlyRun.of("pile", "set", "13", "--ttl-s", "20", "--coap", "127.0.0.1",
                    "--coap-port", Integer.toString(b.port()), "--plain", "--id", "p1", "--wait-s", "5"));
            assertThat(set.run().exit()).as(set.run().err()).isZero();
            assertThat(set.run().out()).startsWith("set 13 A for 20 s; read back: p1: ");
            assertThat(set.log()).doesNotContain("safeAmps").doesNotContain("safe current");
            assertThat(set.run().err()).doesNotContain("safeAmps");
        }
    }
}
