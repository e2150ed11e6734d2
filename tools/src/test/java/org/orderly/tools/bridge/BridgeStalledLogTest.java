package org.orderly.tools.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Await;
import org.orderly.testkit.StalledPipe;
import org.orderly.tools.testing.LogLines;

/**
 * The firmware-bridge run as the orderly jar runs it (its class path, its logback.xml). With standard error on a pipe
 * that is full (a journal that stopped reading): it still answers CoAP and takes a lease, since no thread of its waits
 * on the log, and what its stop logs after SIGTERM is on standard error once the pipe is read again, since it writes
 * out its log's queue before the JVM exits. Without that write-out the JVM is gone with the stop's lines still queued.
 */
class BridgeStalledLogTest {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    @TempDir
    Path dir;

    private Process bridge;

    @AfterEach
    void stop() throws InterruptedException {
        if (bridge != null && bridge.isAlive()) {
            bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(120)
    void answersWhileItsLogStallsAndItsStopLinesAreWrittenBeforeItExits() throws Exception {
        try (StalledPipe stderr = StalledPipe.make(dir.resolve("stderr.fifo"))) {
            stderr.stall();

            int port = freeUdpPort();
            start(stderr.path(), "--pile", "P1", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--plain",
                    "--simulate-vehicle", "--tick-ms", "200");

            CoapClient status = client("coap://127.0.0.1:" + port + "/status");
            CoapClient limit = client("coap://127.0.0.1:" + port + "/limit");
            try {
                Await.until("the bridge answers GET /status with its standard error full", Duration.ofSeconds(40),
                        () -> answers(status));
                CoapResponse lease = limit.put("{\"amps\": 16, \"ttlSeconds\": 30}", MediaTypeRegistry.APPLICATION_JSON);
                assertThat(lease).as("PUT /limit answered").isNotNull();
                assertThat(lease.getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
                Await.until("the pile offers the lease's 16 A", Duration.ofSeconds(10),
                        () -> answers(status) && text(status).contains("\"ampsOffered\":16"));
            } finally {
                status.shutdown();
                limit.shutdown();
            }

            bridge.destroy(); // SIGTERM, as systemd stops it
            // The stop logs what it closed and the JVM is on its way out: without the write-out it is gone within this
            // wait, those lines still queued; with it, it waits for the pipe (5 s at most: logback.xml's maxFlushTime,
            // counted from the end of the stop, so 3 s leaves a slow stop on a loaded machine time to end either way).
            bridge.waitFor(3, TimeUnit.SECONDS);
            String log = stderr.readToEnd(); // to the end: the bridge and the filler both gone
            assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).as("the bridge ended").isTrue();
            assertThat(bridge.exitValue()).as(log).isEqualTo(143);
            assertThat(log).as("standard error past the filler").containsPattern(
                    LogLines.TIME + " \\[bridge-shutdown\\] INFO org\\.orderly\\.bridge\\.StartedParts - pile P1:"
                            + " stopped, last started first: CoAP server, ");
        }
    }

    /**
     * One INFO line once it runs, saying its version, where it listens (the port it bound), the key file it read and
     * what it drives and measures, and one when SIGTERM has stopped it. The jar's log keeps the CoAP server's own lines
     * quiet (the demo's many bridges): until 2026-12-05 the bridge said nothing at all until it stopped, and whoever
     * started it could not tell it ran, nor where.
     */
    @Test
    @Timeout(120)
    void saysOnceItRunsWhereItListensWhatItReadAndWhenItStops() throws Exception {
        Path key = Files.writeString(dir.resolve("P1.psk"), "secret-key");
        Path stderr = dir.resolve("stderr.txt");
        start(stderr, "--pile", "P1", "--bind", "127.0.0.1", "--port", "0", "--psk-identity", "gw-P1",
                "--psk-key-file", key.toString(), "--simulate-vehicle", "--max-amps", "16", "--tick-ms", "200");

        Pattern started = Pattern.compile(LogLines.TIME + " \\[main\\] INFO org\\.orderly\\.bridge\\.BridgeMain - pile P1:"
                + " bridge \\S+ started: DTLS-PSK CoAP on coaps://127\\.0\\.0\\.1:[1-9]\\d* \\(PSK identity gw-P1, key"
                + " from " + Pattern.quote(key.toString()) + "\\); 6\\.\\.16 A on 1 phase at 220 V, safe current 6 A,"
                + " tick 200 ms; a simulated vehicle; pilot and relay in memory; no pile meter\\n");
        Await.until("the bridge's start line", Duration.ofSeconds(60), () -> {
            assertThat(bridge.isAlive()).as("the bridge runs; its log:%n%s", read(stderr)).isTrue();
            return started.matcher(read(stderr)).find();
        });

        bridge.destroy(); // SIGTERM, as systemd stops it
        assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).as("the bridge ended").isTrue();
        String log = read(stderr);
        assertThat(bridge.exitValue()).as(log).isEqualTo(143);
        assertThat(started.matcher(log).results().count()).as("said once; the log:%n%s", log).isEqualTo(1);
        assertThat(log).as("its stop's line").containsPattern(LogLines.TIME + " \\[bridge-shutdown\\] INFO"
                + " org\\.orderly\\.bridge\\.StartedParts - pile P1: stopped, last started first: CoAP server, ");
    }

    /** The bridge as the orderly jar runs it, its standard error to {@code stderr}. */
    private void start(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.orderly.bridge.BridgeMain"));
        command.addAll(List.of(args));
        bridge = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static CoapClient client(String uri) {
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile()).build());
        client.setTimeout(2_000L);
        return client;
    }

    private static boolean answers(CoapClient status) {
        try {
            CoapResponse r = status.get();
            return r != null && r.getCode() == CoAP.ResponseCode.CONTENT;
        } catch (ConnectorException | IOException e) {
            return false;
        }
    }

    private static String text(CoapClient status) {
        try {
            CoapResponse r = status.get();
            return r == null ? "" : r.getResponseText().replace(" ", "");
        } catch (ConnectorException | IOException e) {
            return "";
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
