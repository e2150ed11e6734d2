package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile peer on the compound's network: one that sends a body a byte a second (Jetty's idle timeout starts again
 * at every byte), and one that opens more connections than the page takes. Real sockets on 127.0.0.1.
 */
class WebSlowPeersTest {
    private static final byte[] STATUS = "GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aBodyTrickledAByteASecondIsRefusedAndItsConnectionClosedWhileThePageAnswers() throws Exception {
        ExecutorService trickle = Executors.newSingleThreadExecutor();
        try (WebRig rig = new WebRig(1, dir); Socket s = new Socket("127.0.0.1", rig.web.port())) {
            // Far under the 30 s idle timeout between bytes, and far longer than the limit lets it run.
            s.setSoTimeout(90_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Future<?> sending = trickle.submit(() -> {
                try {
                    for (int i = 0; i < 4999; i++) {
                        Thread.sleep(1000);
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // The server closed the connection, or the test is over: the trickle ends.
                }
            });
            // The page still answers a real request meanwhile.
            HttpResponse<String> status = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(rig.web.url() + "api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).as("the page meanwhile").isEqualTo(200);

            String reply = readUntilClosed(s.getInputStream());
            assertThat(reply).as("the answer to a body trickled a byte a second").startsWith("HTTP/1.1 408");
            sending.cancel(true);
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void connectionsPastTheLimitWaitUnservedUntilOneCloses() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (WebRig rig = new WebRig(1, dir)) {
            try {
                for (int i = 0; i < PeerLimits.MAX_CONNECTIONS; i++) {
                    Socket s = new Socket("127.0.0.1", rig.web.port());
                    held.add(s);
                    // Each proves it was taken: a request on it is answered, and the connection stays open.
                    s.setSoTimeout(60_000);
                    s.getOutputStream().write(STATUS);
                    assertThat(readHead(s.getInputStream())).as("connection %d", i).startsWith("HTTP/1.1 200");
                }
                try (Socket extra = new Socket("127.0.0.1", rig.web.port())) {
                    extra.getOutputStream().write(STATUS);
                    extra.setSoTimeout(3_000);
                    boolean served;
                    try {
                        served = extra.getInputStream().read() >= 0;
                    } catch (SocketTimeoutException e) {
                        served = false;
                    }
                    assertThat(served).as("a connection past the limit of " + PeerLimits.MAX_CONNECTIONS
                            + " served").isFalse();
                    held.remove(0).close();
                    extra.setSoTimeout(60_000);
                    assertThat(readHead(extra.getInputStream())).as("the waiting connection once one closed")
                            .startsWith("HTTP/1.1 200");
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    /** Reads until the server closes the connection (or the socket's timeout fails the test). */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) >= 0; ) {
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** Reads one response's head and body: /api/status is small, and its length is given. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) c);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int end = lower.indexOf("\r\n", at);
            in.readNBytes(Integer.parseInt(lower.substring(at + 15, end).trim()));
        }
        return head.toString();
    }
}
