package org.orderly.gateway.upstream.link;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The gateway's client key manager, which remembers the sockets whose broker asked for the client certificate: the
 * broker's certificate was trusted and its part of the handshake done. Under TLS 1.3 a broker refusing the certificate
 * closes the connection after that, and the client sees only a broken pipe ({@link HandshakeWatch}). It relies on the
 * JDK's TLS client passing the socket being set up to {@link #chooseClientAlias}, which {@code CertificateAskedTest}
 * checks on the JDK the tests run on.
 */
final class CertificateAsked extends X509ExtendedKeyManager {
    /** Weak: a socket no attempt holds any more is forgotten with it. */
    private static final Set<Socket> ASKED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final X509ExtendedKeyManager delegate;

    CertificateAsked(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    /** Whether the broker at the other end of {@code socket} asked it for the client certificate. */
    static boolean on(Socket socket) {
        return ASKED.contains(socket);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        if (socket != null) {
            ASKED.add(socket);
        }
        return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
