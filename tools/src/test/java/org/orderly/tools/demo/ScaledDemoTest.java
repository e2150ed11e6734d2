package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;

/**
 * {@code orderly demo --piles 6}'s path in-process, on free ports: the compound is generated, loaded by the
 * gateway's ConfigLoader, started; every bridge gets a lease; after close every port is free again.
 */
class ScaledDemoTest {
    @TempDir
    Path data;

    @Test
    void sixPilesAllGetALeaseAndStopCleanly() throws Exception {
        FreePorts ports = FreePorts.find(6);
        DemoCompound compound = new DemoCompound(6, ports.meterPort(), ports.firstPilePort());
        Path devices = DemoTest.find("config/devices");
        Path file = compound.write(data);
        Files.writeString(file, DemoTest.onFreeWebPort(Files.readString(file)));
        GatewayConfig c = ConfigLoader.load(file, devices);
        StringWriter printed = new StringWriter();
        try (Demo demo = Demo.start(c, devices, data, Clock.systemUTC(), new PrintWriter(printed))) {
            DemoTest.awaitLeasesAndASession(demo);
            assertThat(demo.leased()).as("bridges holding a lease from the gateway").hasSize(6).containsOnly(true);
            assertThat(demo.gateway().loop().failures()).isZero();
        }
        assertThat(printed.toString()).contains("6 piles", "127.0.0.1:" + ports.meterPort(),
                ports.firstPilePort() + ".." + compound.lastPilePort());
        assertThat(Files.exists(data.resolve("demo-6.yaml"))).isTrue();
        assertThat(Files.exists(data.resolve("orderly.db"))).isTrue();
        assertPortsReleased(ports.meterPort(), ports.firstPilePort(), 6);
    }

    private static void assertPortsReleased(int meter, int first, int piles) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(loopback, meter));
        }
        for (int p = first; p < first + piles; p++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, p))) {
                assertThat(s.getLocalPort()).isEqualTo(p);
            }
        }
    }
}
