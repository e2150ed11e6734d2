package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;

/**
 * When the simulated transformer meter's port or a pile's bridge port is taken (a second demo, another program), the
 * demo's user reads one line that names the part, the address and the demo's option that moves it, and no stack
 * trace: as for the embedded broker's port (below) and the page's. Run as {@code main} runs it, in a JVM of its own, so
 * its standard error carries the log as the user sees it (the tools' logback.xml). The taken port is one this test
 * holds on loopback; the others are free loopback ports, so a running demo (8080, 1883, 5020, 5701..) is left alone.
 */
class DemoTakenPeerPortTest {
    private static final int PILES = 4;
    private static final String LOG_LINE = "\\d{4}-\\d\\d-\\d\\dT.*";

    @TempDir
    Path dir;

    @Test
    void aTakenMeterPortIsOneLineNamingTheMeterAndItsOption() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        try (ServerSocket taken = new ServerSocket(ports.meterPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            Result r = demo(ports);
            assertOneLine(r, "transformer meter", "127.0.0.1:" + ports.meterPort(), "--meter-port");
        }
    }

    @Test
    void aTakenPilePortIsOneLineNamingThePileAndItsOption() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        int third = ports.firstPilePort() + 2;
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), third))) {
            Result r = demo(ports);
            assertOneLine(r, "pile p03", "127.0.0.1:" + third, "--first-pile-port");
        }
    }

    /**
     * Until 2026-12-04 Moquette was asked first, and logged an ERROR with Netty's stack ({@code Cannot bind to port})
     * before the demo's line; now the port is tried before the broker starts, and nothing else has been.
     */
    @Test
    void aTakenBrokerPortIsOneLineNamingTheBrokerAndItsOptions() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        int broker = LoopbackPorts.free();
        try (ServerSocket taken = new ServerSocket(broker, 1, InetAddress.getByName("127.0.0.1"))) {
            Result r = demo(ports, broker);
            assertOneLine(r, "MQTT broker", "127.0.0.1:" + broker, "--broker-port");
            assertThat(r.err).contains("--broker tcp://127.0.0.1:PORT");
            assertThat(Files.readString(dir.resolve("out.txt"))).as("nothing said to run").isEmpty();
        }
    }

    /**
     * Until 2026-12-04 the page's port was tried only when the gateway started: demo-4.yaml written and said loaded,
     * the broker started (its broker/ directory made), the meter and bridges started, the store opened, then the
     * refusal.
     */
    @Test
    void aTakenWebPortIsOneLineNamingThePageAndItsOptionAndNothingIsWritten() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int web = taken.getLocalPort();
            Result r = demo(ports, LoopbackPorts.free(), web, null);
            assertOneLine(r, "local page", "127.0.0.1:" + web, "--web-port");
            assertThat(dir.resolve("data")).as("nothing made in --data: no broker/, no store").doesNotExist();
        }
    }

    /**
     * A given file (--config) is tried before it is said loaded: until 2026-12-04 its INFO line {@code configuration
     * mine.yaml loaded} came first, then the refusal.
     */
    @Test
    void aGivenConfigurationsTakenPortsAreRefusedBeforeItIsSaidLoaded() throws Exception {
        FreePorts ports = FreePorts.find(PILES);
        String yaml = new DemoCompound(PILES, ports.meterPort(), ports.firstPilePort(), LoopbackPorts.free()).yaml();
        Path config = Files.writeString(dir.resolve("mine.yaml"), yaml);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int web = taken.getLocalPort();
            Result r = demo(ports, LoopbackPorts.free(), web, config);
            assertOneLine(r, "local page", "127.0.0.1:" + web, "--web-port");
            assertThat(dir.resolve("data")).as("nothing made in --data").doesNotExist();
        }
        try (ServerSocket taken = new ServerSocket(ports.meterPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            Result r = demo(ports, LoopbackPorts.free(), 0, config);
            assertOneLine(r, "transformer meter", "127.0.0.1:" + ports.meterPort(), "give it a free port in " + config);
            assertThat(dir.resolve("data")).as("nothing made in --data").doesNotExist();
        }
    }

    /**
     * The only line is the refusal, and nothing was written: until 2026-12-04 the demo wrote demo-N.yaml into --data
     * and logged INFO {@code configuration ... demo-4.yaml loaded} before it found the port taken.
     */
    private void assertOneLine(Result r, String part, String address, String option) {
        assertThat(r.exit).as(r.err).isEqualTo(1);
        assertThat(dir.resolve("data").resolve("demo-" + PILES + ".yaml")).as("no configuration written").doesNotExist();
        assertThat(r.err.lines()).as("nothing logged before the refusal").singleElement();
        assertThat(r.err.lines()).as("no stack trace, no ERROR log line saying it first").noneMatch(l -> l.startsWith("\tat ")
                || l.contains(" ERROR ") || l.contains("Exception"));
        List<String> said = r.err.lines().filter(l -> !l.matches(LOG_LINE)).toList();
        assertThat(said).as(r.err).singleElement().satisfies(l -> assertThat(l).startsWith("orderly demo: ")
                .contains(part, address, option));
    }

    private record Result(int exit, String err) {
    }

    private Result demo(FreePorts ports) throws Exception {
        return demo(ports, LoopbackPorts.free());
    }

    private Result demo(FreePorts ports, int brokerPort) throws Exception {
        return demo(ports, brokerPort, 0, null);
    }

    /** The demo on {@code ports}, or on the given {@code config} when not null; {@code --web-port} either way. */
    private Result demo(FreePorts ports, int brokerPort, int webPort, Path config) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand", "demo"));
        if (config == null) {
            command.addAll(List.of("--piles", Integer.toString(PILES), "--meter-port", Integer.toString(ports.meterPort()),
                    "--first-pile-port", Integer.toString(ports.firstPilePort())));
        } else {
            command.addAll(List.of("--config", config.toString()));
        }
        command.addAll(List.of("--web-port", Integer.toString(webPort),
                "--broker-port", Integer.toString(brokerPort), "--data", dir.resolve("data").toString(),
                "--devices", DemoTest.find("config/devices").toString()));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the demo did not end within 60 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(err));
    }
}
