package org.orderly.tools.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * The firmware-bridge run as the orderly jar runs it (its class path, its logback.xml), with standard error on a pipe
 * that is full (a journal that stopped reading): it still answers CoAP and takes a lease, since no thread of its waits
 * on the log, and what its stop logs after SIGTERM is on standard error once the pipe is read again, since it writes
 * out its log's queue before the JVM exits. Without that write-out the JVM is gone with the stop's lines still queued.
 */
class BridgeStalledLogTest {
    private static final byte[] FILLER = "(filler: the journal stopped reading here)\n".getBytes(StandardCharsets.US_ASCII);
    /** Well over a pipe's 64 KiB, so that the filler is still blocked when the bridge starts. */
    private static final int FILLER_BYTES = 256 * 1024;

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
        Path fifo = dir.resolve("stderr.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        // Opening a FIFO waits for its other end: the reader opens on its own thread while this one opens the filler.
        CompletableFuture<FileInputStream> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileInputStream(fifo.toFile());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FileOutputStream filler = new FileOutputStream(fifo.toFile());
        try (FileInputStream stderr = opening.get(10, TimeUnit.SECONDS)) {
            AtomicLong written = new AtomicLong();
            Thread filling = new Thread(() -> {
                try (OutputStream out = filler) {
                    while (written.get() < FILLER_BYTES) {
                        out.write(FILLER);
                        written.addAndGet(FILLER.length);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "stderr-filler");
            filling.setDaemon(true);
            filling.start();
            long seen = -1;
            while (written.get() != seen) { // full once the filler stops getting through
                seen = written.get();
                Thread.sleep(500);
            }
            assertThat(written.get()).as("the pipe full before the bridge starts").isLessThan(FILLER_BYTES);

            int port = freeUdpPort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            bridge = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "org.orderly.bridge.BridgeMain", "--pile", "P1", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port), "--plain", "--simulate-vehicle", "--tick-ms", "200")
                    .redirectError(fifo.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();

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
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            stderr.transferTo(err); // to the end: the bridge and the filler both gone
            assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).as("the bridge ended").isTrue();
            String log = err.toString(StandardCharsets.UTF_8).replace(new String(FILLER, StandardCharsets.US_ASCII), "");
            assertThat(bridge.exitValue()).as(log).isEqualTo(143);
            assertThat(log).as("standard error past the filler").containsPattern(
                    "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[bridge-shutdown\\] INFO org\\.orderly\\.bridge\\.StartedParts - pile P1:"
                            + " stopped, last started first: CoAP server, ");
            filling.join(10_000);
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
