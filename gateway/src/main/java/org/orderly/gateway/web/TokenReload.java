package org.orderly.gateway.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.util.Scanner;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MetricsToken} {@code /metrics} and {@code /healthz} take with {@code web.metrics: token}: read from
 * {@code web.metricsTokenFile} at the page's start and again, as the page's certificate is ({@link CertificateReload}),
 * when a {@link FileScan} finds the file changed and settled, so an operator rotates the token by writing the file.
 * A file that cannot be used then (missing, unreadable, empty, a space or a character an Authorization header does not
 * carry) is not taken: the token before stays, and one line says why and where for that change; the file is read again
 * at its next change.
 */
final class TokenReload extends ContainerLifeCycle implements Scanner.BulkListener {
    /** A rotation is taken within two scans (the change must settle): 20 s, for two stats of a directory. */
    static final int SCAN_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(TokenReload.class);

    private final Path file;
    /** Written by the scanner's thread, read by the page's. */
    private volatile MetricsToken token;

    private TokenReload(Path file, MetricsToken token) throws IOException {
        this.file = file;
        this.token = token;
        addBean(new FileScan("orderly-web-token-scan", SCAN_SECONDS, List.of(file), this), true);
    }

    /**
     * The token in {@code file}, read again when it changes once this is started.
     *
     * @throws IOException when the file cannot be read or holds no usable token (said with the file's name)
     */
    static TokenReload read(Path file) throws IOException {
        return new TokenReload(file, MetricsToken.read(file));
    }

    /** Whether {@code authorization} (the request's header; null when absent) bears the token in force. */
    boolean admits(String authorization) {
        return token.admits(authorization);
    }

    @Override
    public void filesChanged(Set<String> changed) {
        MetricsToken next;
        try {
            next = MetricsToken.read(file);
        } catch (IOException e) {
            LOG.warn("local page: web.metricsTokenFile changed but is not taken: {}; /metrics and /healthz still take"
                    + " the token before; the file is read again at its next change", FileScan.why(e));
            return;
        }
        if (next.sameAs(token)) {
            LOG.debug("local page: web.metricsTokenFile {} changed but holds the token in use", file);
            return;
        }
        token = next;
        LOG.info("local page: /metrics and /healthz now take the token in {} (web.metricsTokenFile), and no longer"
                + " the one before", file);
    }

    @Override
    public String toString() {
        return "TokenReload[" + file + "]";
    }
}
