package org.orderly.gateway.upstream.link;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.orderly.gateway.tls.PemFiles;

/**
 * Builds the TLS socket factory for a {@link Transport.Tls}: trust only the configured CA certificates (PEM) when a
 * CA file is given, else the JDK's trust store; present the gateway's certificate and key (PEM) when configured.
 * Host names are checked by the MQTT client ({@code MqttLink} turns HTTPS-style verification on).
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SSLSocketFactory socketFactory(Transport.Tls tls) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.caFile().isPresent()) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : PemFiles.certificates(tls.caFile().get())) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            tmf.init(trust);
        } else {
            tmf.init((KeyStore) null);
        }
        KeyManagerFactory kmf = null;
        if (tls.client().isPresent()) {
            Transport.ClientCertificate client = tls.client().get();
            KeyStore keys = PemFiles.keyStore("gateway", client.certFile(), client.keyFile());
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PemFiles.NO_PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        // The key manager told of the broker asking for the certificate (ConnectRefusal's guess needs it).
        KeyManager[] keyManagers = kmf == null ? null : new KeyManager[] {
            new CertificateAsked((X509ExtendedKeyManager) kmf.getKeyManagers()[0])};
        context.init(keyManagers, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
