package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;

/** Starts the demo compound of config/demo/ in-process for a few seconds: setpoints must reach every bridge. */
class DemoTest {
    @TempDir
    Path data;

    @Test
    void setpointsReachEveryBridge() throws Exception {
        Path config = find("config/demo/demo.yaml");
        Path devices = find("config/devices");
        GatewayConfig c = ConfigLoader.load(config, devices);
        StringWriter printed = new StringWriter();
        try (Demo demo = Demo.start(c, devices, data, Clock.systemUTC(), new PrintWriter(printed))) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(allLeased(demo.leased()) && java.util.Arrays.stream(demo.ampsOffered()).max().orElse(0) > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(demo.leased()).as("bridges holding a lease from the gateway").containsOnly(true);
            assertThat(java.util.Arrays.stream(demo.ampsOffered()).max().orElse(0)).isGreaterThan(0);
            assertThat(demo.gateway().loop().failures()).isZero();
        }
        assertThat(printed.toString()).contains("127.0.0.1:5020", "5701..5724", data.toAbsolutePath().toString());
        assertThat(Files.exists(data.resolve("orderly.db"))).isTrue();
    }

    private static boolean allLeased(boolean[] leased) {
        for (boolean b : leased) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
