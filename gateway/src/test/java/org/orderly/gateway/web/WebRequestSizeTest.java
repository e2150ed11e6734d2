package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anyone on the LAN may post to the sign-in without signing in: a body far larger than any request the page takes
 * is refused before it is read, with one line, raw requests to a live gateway on 127.0.0.1.
 */
class WebRequestSizeTest {
    @TempDir
    static Path dir;
    private static WebRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = new WebRig(1, dir);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        // 200,000 bytes declared, none sent: the gateway must answer from the headers, not wait to buffer the body.
        String answer = exchange("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200000\r\n\r\n", null);
        assertThat(answer).as("the answer").startsWith("HTTP/1.1 413 ")
                .contains("{\"error\":\"the request body is over 65536 bytes\",\"code\":\"BODY_TOO_LARGE\","
                        + "\"args\":{\"bytes\":65536}}");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAtTheLimit() throws Exception {
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            chunks.append("3e8\r\n").append("a".repeat(1000)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        String answer = exchange("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunks.toString());
        assertThat(answer).as("the answer").startsWith("HTTP/1.1 413 ")
                .contains("{\"error\":\"the request body is over 65536 bytes\",\"code\":\"BODY_TOO_LARGE\","
                        + "\"args\":{\"bytes\":65536}}");
    }

    @Test
    void aRequestWithinTheLimitIsReadAsBefore() throws Exception {
        String body = "{\"name\":\"li\",\"password\":\"" + "x".repeat(300) + "\"}";
        String answer = exchange("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n", body);
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("password: at most 200 characters");
    }

    /** Sends {@code head} and {@code body} (may be null: none) and reads the answer's head and first bytes. */
    private static String exchange(String head, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", rig.web.port())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (body != null) {
                try {
                    out.write(body.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedMeanwhile) {
                    // The gateway may answer and close before the whole body is sent: its answer is read below.
                }
            }
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            StringBuilder answer = new StringBuilder();
            int n;
            while (!answer.toString().contains("}") && (n = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }
}
