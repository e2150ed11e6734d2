package org.orderly.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The bearer token {@code web.metrics: token} asks of a reader of {@code /metrics} and {@code /healthz}, read once from
 * {@code web.metricsTokenFile} when the page starts. Never shown: not in a line, a log or {@link #toString}.
 */
final class MetricsToken {
    private static final String SCHEME = "Bearer ";
    private final byte[] token;

    private MetricsToken(byte[] token) {
        this.token = token;
    }

    /** The token in {@code file}, without surrounding whitespace, as Prometheus sends a credentials_file's. */
    static MetricsToken read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException("metrics token file " + file + " is empty");
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

    @Override
    public String toString() {
        return "MetricsToken[hidden]";
    }
}
