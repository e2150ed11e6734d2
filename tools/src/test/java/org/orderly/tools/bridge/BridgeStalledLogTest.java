package org.orderly.tools.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * The firmware-bridge run as the orderly jar runs it (its class path, its logback.xml), with standard error on a pipe
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
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            bridge = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "org.orderly.bridge.BridgeMain", "--pile", "P1", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port), "--plain", "--simulate-vehicle", "--tick-ms", "200")
                    .redirectError(stderr.path().toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();

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
