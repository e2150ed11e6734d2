package org.orderly.gateway.web;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.util.Scanner;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.orderly.gateway.app.config.WebTls;
import org.orderly.gateway.tls.CertifiedKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a renewed {@code web.tls} certificate without a restart, as Jetty's {@code KeyStoreScanner} does for a key
 * store: a {@link FileScan} looks at certFile and keyFile every {@value #SCAN_SECONDS} s and, once a change has
 * settled (the same size and time at two scans in a row), both files are read again and, when they are a valid pair,
 * the page's {@link SslContextFactory} is reloaded in place. New connections get the new certificate; open ones keep
 * the one they were made with. A pair that cannot be used (an installer has written the certificate but not yet its
 * key) is not taken: the page keeps serving the one it has and says why once for that change, and the pair is read
 * again at the files' next change. So is a certificate that has expired. One not valid yet (the gateway's clock behind
 * the ACME server's, which writes a certificate valid from the moment it issues it) is held and taken at the end of
 * the first scan at which it is valid, unless the files change first.
 */
final class CertificateReload extends ContainerLifeCycle implements Scanner.BulkListener, Scanner.ScanCycleListener {
    /** Renewals come days before expiry: a change taken within two minutes is soon enough, and costs two stats a minute. */
    static final int SCAN_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReload.class);

    private final WebTls files;
    private final SslContextFactory.Server ssl;
    /** Told of every certificate taken, and asked at every scan's end whether the served one's end is near. */
    private final CertificateExpiry expiry;
    private final Clock clock;
    /** Touched only by the scanner's one thread once started, as is {@link #pending}. */
    private CertifiedKey served;
    /** A usable pair whose certificate is not valid yet; null when there is none. */
    private CertifiedKey pending;

    /**
     * @throws IOException when a file's directory cannot be resolved (it was just read, so hardly ever)
     */
    CertificateReload(WebTls files, SslContextFactory.Server ssl, CertifiedKey served, CertificateExpiry expiry,
                      Clock clock) throws IOException {
        this.files = files;
        this.ssl = ssl;
        this.served = served;
        this.expiry = expiry;
        this.clock = clock;
        addBean(new FileScan("orderly-web-tls-scan", SCAN_SECONDS, List.of(files.certFile(), files.keyFile()), this),
                true);
    }

    @Override
    public void filesChanged(Set<String> changed) {
        pending = null;
        // Whichever of the two changed, both are read: an installer writes them one after the other.
        CertifiedKey next;
        try {
            next = CertifiedKey.read(HttpsConnector.ALIAS, files.certFile(), files.keyFile());
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("{}; still serving {}; the files are read again at their next change",
                    HttpsConnector.cannotUse(files, FileScan.why(e)), served.describe());
            return;
        }
        if (next.chain().equals(served.chain())) {
            LOG.debug("local page: web.tls: {} changed but holds the certificate in use", changed);
            return;
        }
        Instant now = clock.instant();
        if (next.expiredAt(now)) {
            LOG.warn("local page: web.tls: not taking the certificate in {}: it expired at {} ({}); still serving {};"
                    + " the files are read again at their next change", files.certFile(), next.notAfter(),
                    next.validity(), served.describe());
            return;
        }
        if (next.notYetValidAt(now)) {
            pending = next;
            LOG.warn("local page: web.tls: the certificate in {} is not valid before {} ({}; this clock reads {});"
                    + " still serving {}; it is taken at the first scan after that, unless the files change first",
                    files.certFile(), next.notBefore(), next.validity(), now, served.describe());
            return;
        }
        take(next);
    }

    /**
     * A pair held until its certificate is valid is taken at the end of the first scan at which it is. And the served
     * certificate's end is looked at (said once a day when near).
     */
    @Override
    public void scanEnded(int cycle) {
        expiry.check();
        if (pending == null || pending.notYetValidAt(clock.instant())) {
            return;
        }
        CertifiedKey due = pending;
        pending = null;
        if (due.expiredAt(clock.instant())) {
            LOG.warn("local page: web.tls: the certificate in {} expired at {} before it was taken ({}); still serving"
                    + " {}", files.certFile(), due.notAfter(), due.validity(), served.describe());
            return;
        }
        take(due);
    }

    private void take(CertifiedKey next) {
        try {
            ssl.reload(factory -> factory.setKeyStore(next.keyStore()));
        } catch (Exception e) {
            LOG.error("local page: web.tls: reloading HTTPS with {} ({}) failed; new connections may fail until the"
                    + " files change again", files.certFile(), next.describe(), e);
            return;
        }
        served = next;
        LOG.info("local page: web.tls: new connections now get {} from {} (open ones keep theirs)", next.describe(),
                files.certFile());
        expiry.serving(next);
    }
}
