package org.orderly.gateway.upstream.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.tls.PemFiles;
import org.orderly.gateway.upstream.TestCa;

/**
 * {@link CertificateAsked} learns that the broker asked for the client certificate only because this JDK's TLS client
 * passes the socket being set up to {@code chooseClientAlias} (not null, and the very socket the factory made): if a
 * JDK stopped doing so, {@link HandshakeWatch#certificateAsked} would stay false, and {@link ConnectRefusal} would say
 * a TLS 1.3 broker's close on an untrusted certificate as "the broker did not take the connection". The Mosquitto tests
 * (UpstreamRefusalLineTest) see that only when the client hears the close rather than the alert, which timing decides;
 * this one asks a JDK TLS server on 127.0.0.1 that wants a client certificate, and one that does not.
 */
@Timeout(30)
class CertificateAskedTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theSocketIsMarkedExactlyWhenTheServerAskedForTheCertificate(boolean serverAsks) throws Exception {
        TestCa ca = new TestCa(dir, "grid-ca");
        Path[] server = ca.issue(dir, "broker", TestCa.ip("127.0.0.1"));
        Path[] client = ca.issue(dir, "gw");
        SSLContext serverContext = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(PemFiles.keyStore("broker", server[0], server[1]), PemFiles.NO_PASSWORD);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemFiles.certificates(ca.certFile).iterator().next());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        serverContext.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(serverAsks);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    throw new IllegalStateException("the TLS server's side failed: " + e, e);
                }
            });
            Transport.Tls mutual = new Transport.Tls(Optional.of(ca.certFile),
                    Optional.of(new Transport.ClientCertificate(client[0], client[1])));
            SSLSocketFactory watched = ConnectRequest.watched(Optional.of(TlsContexts.socketFactory(mutual))).get();
            try (SSLSocket socket = (SSLSocket) watched.createSocket("127.0.0.1", listener.getLocalPort())) {
                socket.startHandshake();
                // TLS 1.3: the server's CertificateRequest is read with its first flight; a byte read makes sure.
                assertThat(socket.getInputStream().read()).isEqualTo(1);
            }
            served.get(10, TimeUnit.SECONDS);
            assertThat(((HandshakeWatch) watched).certificateAsked()).isEqualTo(serverAsks);
        }
    }
}
