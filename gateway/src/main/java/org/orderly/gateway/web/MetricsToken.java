package org.orderly.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import org.orderly.gateway.app.config.BearerTokenText;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;

/**
 * A bearer token {@code web.metrics: token} asks of a reader of {@code /metrics} and {@code /healthz}, as read from
 * {@code web.metricsTokenFile} (at the page's start, and again when the file changes: {@link TokenReload}). Never
 * shown: not in a line, a log or {@link #toString}.
 */
final class MetricsToken {
    private static final String SCHEME = "Bearer ";
    private final byte[] token;

    private MetricsToken(byte[] token) {
        this.token = token;
    }

    /**
     * The token in {@code file}, without surrounding whitespace, as Prometheus sends a credentials_file's.
     *
     * @throws IOException when the file cannot be read, or holds no usable token (said with the file's name)
     */
    static MetricsToken read(Path file) throws IOException {
        String text;
        try {
            text = TextFile.stripped(file);
        } catch (TextFileException e) {
            if (e.getCause() instanceof IOException unread) {
                // Gone or not to be read: said as the certificate's reload says it (FileScan.why).
                throw unread;
            }
            throw new IOException("metrics token file " + file + ": " + e.fault(), e);
        }
        Optional<String> flaw = BearerTokenText.flaw(text);
        if (flaw.isPresent()) {
            throw new IOException("metrics token file " + file + " " + flaw.get());
        }
        return new MetricsToken(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code authorization} (the request's header; null when absent) is {@code Bearer} and this token. */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time: how long it takes depends on the length of what was sent, not on how much of it was right.
        return MessageDigest.isEqual(given, token);
    }

    /** Whether {@code other} is the same token (a file rewritten with what it held). */
    boolean sameAs(MetricsToken other) {
        return MessageDigest.isEqual(token, other.token);
    }

    @Override
    public String toString() {
        return "MetricsToken[hidden]";
    }
}
