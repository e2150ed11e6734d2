package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one connection attempt, which tells whether TLS got far enough on a socket it made for
 * the broker to ask for the client certificate ({@link CertificateAsked}): its certificate trusted here, its part of
 * the handshake done. A TLS 1.3 broker refusing the certificate closes the connection after that, while the client
 * sends its Finished (Mosquitto 2: a broken pipe); a connection closed before it (a reset on accept: no broker, a
 * firewall, a full broker) says nothing of certificates ({@link ConnectRefusal}; until 2026-12-07 both were said as the
 * certificate's).
 */
final class HandshakeWatch extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final List<SSLSocket> made = new CopyOnWriteArrayList<>();

    HandshakeWatch(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** Whether the broker asked a socket of this attempt for the client certificate. */
    boolean certificateAsked() {
        return made.stream().anyMatch(CertificateAsked::on);
    }

    private Socket watched(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            made.add(ssl);
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
