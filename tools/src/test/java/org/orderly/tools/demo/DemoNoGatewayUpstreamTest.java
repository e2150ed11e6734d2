package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.app.config.ConfigLoader;
import org.orderly.gateway.app.config.GatewayConfig;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.upstream.UpstreamSettings;
import org.orderly.gateway.upstream.link.MqttProtocol;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyChild;

/**
 * W17: {@code orderly demo --no-gateway} announces the broker its gateway is to report to and tells the user to run
 * one on the configuration it wrote ({@code orderly run --config FILE}); that file must then carry the broker it
 * announced, or the gateway run on it reports to none.
 */
class DemoNoGatewayUpstreamTest {
    private static final int PILES = 2;

    @TempDir
    Path dir;

    @RegisterExtension
    final OrderlyChild orderly = new OrderlyChild();

    @Test
    @Timeout(120)
    void theWrittenConfigurationCarriesTheExternalBrokerItAnnounces() throws Exception {
        String url = "tcp://127.0.0.1:" + LoopbackPorts.free();

        UpstreamSettings upstream = writtenUpstream("--broker", url);

        assertThat(upstream.broker()).isEqualTo(URI.create(url));
        assertThat(upstream.transport()).isInstanceOf(Transport.Plaintext.class);
        assertThat(upstream.protocol()).isEqualTo(MqttProtocol.MQTT5);
    }

    @Test
    @Timeout(120)
    void theWrittenConfigurationCarriesTheEmbeddedBrokerItAnnounces() throws Exception {
        int port = LoopbackPorts.free();

        UpstreamSettings upstream = writtenUpstream("--broker-port", Integer.toString(port));

        assertThat(upstream.broker()).isEqualTo(URI.create("tcp://127.0.0.1:" + port));
        assertThat(upstream.transport()).isInstanceOf(Transport.Plaintext.class);
        assertThat(upstream.protocol()).as("all the embedded Moquette speaks").isEqualTo(MqttProtocol.MQTT311);
    }

    /**
     * With {@code --config FILE} the demo writes no configuration: a gateway started on FILE reports where FILE's
     * {@code upstream:} says. demo.yaml has none, so the banner must not leave the user to think it reports to the
     * broker it announces.
     */
    @Test
    @Timeout(120)
    void aGivenConfigurationWithoutUpstreamIsSaidToReportToNoBroker() throws Exception {
        Path config = DemoTest.find("config/demo/demo.yaml");
        Path devices = DemoTest.find("config/devices");
        GatewayConfig c = ConfigLoader.parse(config.toString(), DemoTest.onPorts(Files.readString(config),
                FreePorts.find(24)), devices, config.getParent());
        assertThat(c.upstream()).as("demo.yaml's upstream").isEmpty();
        StringWriter printed = new StringWriter();
        try (Demo demo = Demo.start(c, devices, dir, Clock.systemUTC(), TimeScale.REAL, new PrintWriter(printed),
                false)) {
            assertThat(printed.toString()).contains("MQTT: " + demo.mqttUrl())
                    .contains("a gateway started on this configuration reports to no broker: it has no upstream:"
                            + " section (add upstream: { broker: \"" + demo.mqttUrl() + "\", plaintext: true,"
                            + " protocol: mqtt311 } to report here)");
        }
    }

    /**
     * The gateway to start is on the file the demo wrote, and the banner names it: until 2026-12-06 it said {@code
     * orderly run --config FILE}, leaving the user to find {@code orderly-data/demo-24.yaml} in the help.
     */
    @Test
    @Timeout(120)
    void theRunItAsksForNamesTheFileItWrote() throws Exception {
        ChildProcess child = startWithoutGateway("--broker-port", Integer.toString(LoopbackPorts.free()));

        assertThat(child.log()).contains("no gateway: start one on this compound's configuration (orderly run --config "
                + dir.resolve("data").resolve("demo-" + PILES + ".yaml") + ")");
    }

    /** Runs {@code orderly demo --no-gateway} with {@code mqtt}, and returns the upstream of the file it wrote. */
    private UpstreamSettings writtenUpstream(String... mqtt) throws Exception {
        Path data = dir.resolve("data");
        ChildProcess child = startWithoutGateway(mqtt);
        String announced = child.log().lines().filter(l -> l.contains("MQTT: ")).findFirst().orElseThrow();

        GatewayConfig c = ConfigLoader.load(data.resolve("demo-" + PILES + ".yaml"), DemoTest.find("config/devices"));

        assertThat(c.upstream()).as("the file it tells the user to run, after announcing '%s'", announced.strip())
                .isPresent();
        assertThat(announced).contains("MQTT: " + c.upstream().get().broker() + ",");
        return c.upstream().get();
    }

    /** Starts {@code orderly demo --no-gateway} with {@code mqtt}, its data in {@code dir/data}, once it has said all. */
    private ChildProcess startWithoutGateway(String... mqtt) throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        Path data = dir.resolve("data");
        List<String> args = new ArrayList<>(List.of("demo", "--no-gateway", "--piles", Integer.toString(PILES),
                "--meter-port", Integer.toString(ports.meterPort()), "--first-pile-port",
                Integer.toString(ports.firstPilePort()), "--web-port", "0", "--data", data.toString(),
                "--devices", DemoTest.find("config/devices").toString()));
        args.addAll(List.of(mqtt));
        ChildProcess child = orderly.start(dir, args);
        child.awaitLog("stop with Ctrl-C", Duration.ofSeconds(60));
        return child;
    }
}
