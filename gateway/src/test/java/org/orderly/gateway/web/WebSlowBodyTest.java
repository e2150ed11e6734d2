package org.orderly.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stranger on the LAN starts a sign-in, sends part of the body it declared and then nothing (a slow client, or one
 * that stalls on purpose): the connection's idle timeout ends the read. That is the client's doing, as a body cut
 * short is ({@code WebAccessTest.aBodyCutShortByTheClientIsNoServerErrorInTheLog}): it should be a 4xx, not a 500
 * "internal error" with a stack trace at ERROR in the journal for each such request. The idle timeout is 5 s here
 * ({@code web.idleTimeoutS}) rather than the default 30: the answer does not depend on its length, and until 2026-12-07
 * the test waited out the 30 s. The 408 would come at Jetty's 30 s as well: PeerLimitsTest pins the key applied.
 */
class WebSlowBodyTest {
    @TempDir
    Path dir;

    @Test
    void aBodyThatStallsIsNoServerErrorInTheLog() throws Exception {
        try (WebRig rig = new WebRig(1, dir, List::of, ", idleTimeoutS: 5"); CapturedLog log = new CapturedLog();
             Socket s = new Socket("127.0.0.1", rig.web.port())) {
            s.setSoTimeout(120_000);
            s.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"na").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            // Nothing more is sent, and the connection is kept open: the server's idle timeout ends the read.
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            String reply = n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
            Thread.sleep(300);
            assertThat(reply).as("the answer to a stalled body").startsWith("HTTP/1.1 408");
            assertThat(log.text()).as("what was logged").doesNotContain(" ERROR ").doesNotContain("\tat ");
        }
    }
}
