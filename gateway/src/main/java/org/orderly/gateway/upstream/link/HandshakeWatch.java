package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one connection attempt, which tells whether TLS was set up on a socket it made: the
 * handshake completed, or got as far as the broker asking for the client certificate ({@link CertificateAsked}; a
 * TLS 1.3 broker refusing it closes the connection while the client sends its Finished: Mosquitto 2, a broken pipe).
 * A connection the broker closed after that may be its refusal of the client certificate; one closed before (a reset
 * on accept: no broker, a firewall, a full broker) says nothing of certificates ({@link ConnectRefusal}; until
 * 2026-12-07 both were said as the certificate's).
 */
final class HandshakeWatch extends SSLSocketFactory {
    /** What a session is before any handshake completed on its socket. */
    private static final String NO_SESSION = "SSL_NULL_WITH_NULL_NULL";

    private final SSLSocketFactory delegate;
    private final List<SSLSocket> made = new CopyOnWriteArrayList<>();
    private volatile boolean completed;

    HandshakeWatch(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * Whether TLS was set up on a socket of this attempt (see above). The JDK tells its listeners on a thread of its own, which may not
     * have run yet when the failure that followed is judged; a closed socket's session tells it too, and asking a
     * closed socket for it starts no handshake.
     */
    boolean completed() {
        return completed || made.stream().anyMatch(s -> CertificateAsked.on(s)
                || s.isClosed() && !NO_SESSION.equals(s.getSession().getCipherSuite()));
    }

    private Socket watched(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            made.add(ssl);
            ssl.addHandshakeCompletedListener(event -> completed = true);
        }
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return watched(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return watched(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return watched(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return watched(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return watched(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return watched(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
