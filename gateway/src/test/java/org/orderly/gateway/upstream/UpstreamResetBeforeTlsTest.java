package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.BrokerCheck;
import org.orderly.gateway.upstream.link.Transport;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * A connection reset before any TLS (no broker behind a port, a firewall, a full broker: here a listener on 127.0.0.1
 * that resets each connection as it accepts it) is not said as the broker refusing the client certificate, even with
 * one configured: that guess needs the broker to have asked for the certificate ({@code CertificateAsked}). Until
 * 2026-12-07 selftest's broker row and the running gateway's line both said "the broker closed the connection as soon as
 * TLS was set up ... client certificate".
 */
@Timeout(90)
class UpstreamResetBeforeTlsTest {
    private static final String CERTIFICATE_GUESS = "does not trust this gateway's client certificate";

    @TempDir
    Path dir;

    @Test
    void selftestSaysAResetBeforeTlsAsNotTaken() throws Exception {
        try (ResettingListener listener = new ResettingListener()) {
            BrokerCheck.Outcome outcome = BrokerCheck.connectOnce(UpstreamSettings.of(listener.sslUrl(), "gw-reset",
                    withClientCertificate()), new Topics("gw-reset").commands(), Duration.ofSeconds(5));

            assertThat(outcome.passed()).isFalse();
            assertThat(outcome.detail()).doesNotContain(CERTIFICATE_GUESS)
                    .startsWith("the broker did not take the connection: check upstream.broker and the broker's log; ");
        }
    }

    @Test
    void theGatewaysLineSaysAResetBeforeTlsWithoutTheCertificate() throws Exception {
        try (CapturedLog log = new CapturedLog();
             ResettingListener listener = new ResettingListener();
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-reset",
                     UpstreamSettings.of(listener.sslUrl(), "gw-reset", withClientCertificate()), UpstreamRig.QUICK_RETRIES)) {
            String named = "upstream: cannot connect to " + listener.sslUrl() + ": ";
            Await.until("the failed connect's line", Duration.ofSeconds(60), () -> !log.lines(named).isEmpty());

            assertThat(rig.upstream.link().connects()).isZero();
            assertThat(log.lines(named).get(0)).doesNotContain(CERTIFICATE_GUESS).doesNotContain("TLS:");
        }
    }

    private Transport.Tls withClientCertificate() throws Exception {
        TestCa ca = new TestCa(dir.resolve("pki"), "grid-ca");
        Path[] client = ca.issue(dir.resolve("pki"), "gw-cert");
        return new Transport.Tls(Optional.of(ca.certFile), Optional.of(new Transport.ClientCertificate(client[0], client[1])));
    }

    /** Accepts each connection and resets it at once (SO_LINGER 0), before a byte of TLS. */
    private static final class ResettingListener implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::resetEach, "resetting-listener");

        ResettingListener() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        URI sslUrl() {
            return URI.create("ssl://127.0.0.1:" + server.getLocalPort());
        }

        private void resetEach() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    // The listener closed: the test is over.
                    return;
                }
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5_000);
        }
    }
}
