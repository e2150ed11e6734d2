package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * When the demo's local page cannot have its port (another demo has it), the demo's user is told what they can do:
 * the demo's own {@code --web-port}, not {@code web.bind}/{@code web.port}, settings of a configuration file the
 * embedded default does not have. The taken port is one this test holds on loopback; everything else is on free
 * loopback ports, so a running demo (8080, 1883, 5020, 5701..) is left alone.
 */
class DemoWebPortTest {
    private static final int PILES = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aTakenWebPortNamesTheDemosOwnOption() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            OrderlyRun r = OrderlyRun.of("demo", "--piles", Integer.toString(PILES), "--meter-port",
                    Integer.toString(ports.meterPort()), "--first-pile-port", Integer.toString(ports.firstPilePort()),
                    "--broker-port", Integer.toString(LoopbackPorts.free()), "--web-port", port,
                    "--data", dir.toString(), "--devices", DemoTest.find("config/devices").toString());

            assertTakenPortHint(r, port);
        }
    }

    @Test
    @Timeout(60)
    void aTakenWebPortOfAGivenConfigurationNamesTheDemosOptionToo() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            String yaml = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort()).yaml()
                    .replace("port: 8080,", "port: " + port + ",");
            assertThat(yaml).contains("port: " + port + ",");
            Path config = Files.writeString(dir.resolve("mine.yaml"), yaml);
            OrderlyRun r = OrderlyRun.of("demo", "--config", config.toString(), "--broker-port",
                    Integer.toString(LoopbackPorts.free()), "--data", dir.resolve("data").toString(),
                    "--devices", DemoTest.find("config/devices").toString());

            assertTakenPortHint(r, port);
        }
    }

    /**
     * A given file's web.bind not this machine's is that file's setting, which --web-port does not move: the gateway's
     * own line. Until 2026-12-06 it ended "give --web-port PORT for another port". The bind fails locally (TEST-NET-1
     * is on no machine); nothing is sent to it.
     */
    @Test
    @Timeout(60)
    void anAddressNotThisMachinesInAGivenConfigurationNamesWebBind() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        String yaml = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort()).yaml()
                .replace("web: { bind: 127.0.0.1,", "web: { bind: 192.0.2.1,");
        assertThat(yaml).contains("bind: 192.0.2.1,");
        Path config = Files.writeString(dir.resolve("mine.yaml"), yaml);
        OrderlyRun r = OrderlyRun.of("demo", "--config", config.toString(), "--broker-port",
                Integer.toString(LoopbackPorts.free()), "--data", dir.resolve("data").toString(),
                "--devices", DemoTest.find("config/devices").toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("orderly demo: local page: cannot listen on 192.0.2.1:8080 (Cannot assign"
                + " requested address); 192.0.2.1 is not an address of this machine (ip -br addr lists them): give"
                + " web.bind one of them, or 127.0.0.1");
    }

    private static void assertTakenPortHint(OrderlyRun r, String port) {
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("127.0.0.1:" + port).contains("--web-port")
                .doesNotContain("web.bind");
    }
}
