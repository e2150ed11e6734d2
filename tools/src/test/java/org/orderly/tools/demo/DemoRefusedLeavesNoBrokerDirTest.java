package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.web.WebBindException;

/**
 * A demo refused after its broker started (the page's port taken after {@code orderly demo} tried it, which this test
 * stands in for by starting the demo directly on a port it holds) leaves no {@code broker/} directory behind: until
 * 2026-12-04 the embedded broker's start made it and nothing removed it. Every port is on loopback: the taken one is
 * this test's, the others free ones.
 */
class DemoRefusedLeavesNoBrokerDirTest {
    private static final int PILES = 2;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aDemoRefusedForItsPagesPortLeavesNoBrokerDirectory() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            DemoCompound compound = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort(), taken.getLocalPort());
            Path file = Files.writeString(dir.resolve("demo.yaml"), compound.yaml());
            GatewayConfig c = ConfigLoader.load(file, DemoTest.find("config/devices"));
            assertThatThrownBy(() -> Demo.start(c, DemoTest.find("config/devices"), data, Clock.systemUTC(),
                    TimeScale.REAL, new PrintWriter(new StringWriter()), true, new DemoMqtt.Embedded(0)))
                    .isInstanceOf(WebBindException.class);
        }
        assertThat(data.resolve("broker")).as("the broker's directory, made by its start").doesNotExist();
    }
}
