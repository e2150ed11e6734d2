package org.orderly.gateway.web;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.orderly.gateway.app.config.WebTls;
import org.orderly.gateway.tls.PemFiles;

/**
 * The page's only connector when {@code web.tls} is set: HTTPS with the installer's PEM certificate and key, in place
 * of Javalin's plain HTTP one. The files are read at start, so a wrong one stops the gateway with one line.
 */
final class HttpsConnector {
    private final KeyStore keys;

    private HttpsConnector(KeyStore keys) {
        this.keys = keys;
    }

    static HttpsConnector load(WebTls tls) {
        try {
            return new HttpsConnector(PemFiles.keyStore("page", tls.certFile(), tls.keyFile()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("local page: web.tls: cannot use certFile " + tls.certFile() + " with keyFile "
                    + tls.keyFile() + ": " + e.getMessage(), e);
        }
    }

    Connector connector(Server server, HttpConfiguration plain, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(new String(PemFiles.NO_PASSWORD));
        HttpConfiguration https = new HttpConfiguration(plain);
        // Browsers reach the gateway by its LAN address, which carries no SNI name to check against the certificate.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
