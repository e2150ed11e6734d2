package org.orderly.gateway.web;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.orderly.gateway.app.config.WebTls;
import org.orderly.gateway.tls.CertifiedKey;
import org.orderly.gateway.tls.PemFiles;
import org.orderly.gateway.web.alarm.AlarmKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's only connector when {@code web.tls} is set: HTTPS with the installer's PEM certificate and key, in place
 * of Javalin's plain HTTP one. The files are read at start, so a wrong one stops the gateway with one line; renewed
 * files are taken while running ({@link CertificateReload}, which the connector starts and stops with itself).
 */
final class HttpsConnector {
    static final String ALIAS = "page";
    private static final Logger LOG = LoggerFactory.getLogger(HttpsConnector.class);

    private final SslContextFactory.Server ssl;
    private final CertificateReload reload;
    private final CertificateExpiry expiry;

    private HttpsConnector(SslContextFactory.Server ssl, CertificateReload reload, CertificateExpiry expiry) {
        this.ssl = ssl;
        this.reload = reload;
        this.expiry = expiry;
    }

    /** @param clock what the certificates' dates are held against (people's time, not a virtual gateway clock) */
    static HttpsConnector load(WebTls tls, Clock clock) {
        try {
            CertifiedKey key = CertifiedKey.read(ALIAS, tls.certFile(), tls.keyFile());
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(key.keyStore());
            ssl.setKeyStorePassword(new String(PemFiles.NO_PASSWORD));
            CertificateExpiry expiry = new CertificateExpiry(tls.certFile(), key, clock);
            HttpsConnector https = new HttpsConnector(ssl, new CertificateReload(tls, ssl, key, expiry, clock), expiry);
            warnIfNotYetValid(tls, key, clock);
            LOG.info("local page: web.tls: serving {} from {}", key.describe(), tls.certFile());
            expiry.check();
            return https;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(cannotUse(tls, e.getMessage()), e);
        }
    }

    /**
     * Served all the same: the page is not the safety function, and without it an installer could not even see that
     * the gateway runs. Browsers will warn or refuse, so the log says so loudly (an expired one: {@link CertificateExpiry}).
     */
    private static void warnIfNotYetValid(WebTls tls, CertifiedKey key, Clock clock) {
        Instant now = clock.instant();
        if (key.notYetValidAt(now)) {
            LOG.warn("local page: web.tls: the certificate in {} is not valid before {} ({}; this clock reads {});"
                    + " serving it all the same, and browsers will warn or refuse it until then", tls.certFile(),
                    key.notBefore(), key.validity(), now);
        }
    }

    /** The alarm the page lists for the certificate served now, if any. */
    Optional<AlarmKind> certificateAlarm() {
        return expiry.alarm();
    }

    /** The one line for files that cannot be used, at start or when they change. */
    static String cannotUse(WebTls tls, String why) {
        return "local page: web.tls: cannot use certFile " + tls.certFile() + " with keyFile " + tls.keyFile() + ": " + why;
    }

    Connector connector(Server server, HttpConfiguration plain, String host, int port) {
        HttpConfiguration https = new HttpConfiguration(plain);
        // Browsers reach the gateway by its LAN address, which carries no SNI name to check against the certificate.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        connector.addManaged(reload);
        return connector;
    }
}
