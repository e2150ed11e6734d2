package org.orderly.gateway.app.config;

import java.nio.file.Path;
import java.util.Optional;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;

/**
 * Reads {@code web.metricsTokenFile}, the file holding the bearer token a scraper sends with {@code web.metrics: token}
 * (Prometheus' {@code authorization: credentials_file:}). The token itself is never put in a line: only the file's
 * name.
 */
final class MetricsTokenFile {
    static final String KEY = "metricsTokenFile";
    /** Shorter is warned about: the page holds each address to a few wrong tokens a minute, but not many addresses. */
    static final int SHORTEST = 16;
    private static final String HINT = "the file holding the token Prometheus sends (its credentials_file), e.g. "
            + "/etc/orderly/metrics.token made by: openssl rand -hex 32 (docs/operations.md, \"Monitoring\")";
    private static final String IF_MISSING = "create it holding the token, e.g. openssl rand -hex 32 > FILE, mode 600,"
            + " and give Prometheus the same file (docs/operations.md, \"Monitoring\")";

    private MetricsTokenFile() {
    }

    /** The token's file with {@code metrics: token}; empty with another access; null (reported) when wrong. */
    static Optional<Path> read(Section s, MetricsAccess access, Path base, Problems problems, Problems warnings) {
        if (access != MetricsAccess.TOKEN) {
            if (access != null && s.has(KEY)) {
                problems.at(s.value(KEY), "'" + KEY + "' in " + s.path() + " has no effect with metrics: "
                        + access.word() + "; remove it, or write metrics: token");
                return null;
            }
            return Optional.empty();
        }
        if (!s.has(KEY)) {
            s.missing(KEY, "metrics: token needs " + HINT);
            return null;
        }
        Optional<Path> file = ConfigFiles.secret(s, KEY, base, true, IF_MISSING, problems, warnings);
        if (file == null) {
            return null;
        }
        String token;
        try {
            token = TextFile.stripped(file.get());
        } catch (TextFileException e) {
            problems.at(s.value(KEY), "'" + KEY + "' in " + s.path() + ": file " + file.get() + " " + e.fault());
            return null;
        }
        Optional<String> flaw = BearerTokenText.flaw(token);
        if (flaw.isPresent()) {
            problems.at(s.value(KEY), "'" + KEY + "' in " + s.path() + ": file " + file.get() + " " + flaw.get());
            return null;
        }
        if (token.length() < SHORTEST) {
            warnings.at(s.value(KEY), "'" + KEY + "' in " + s.path() + ": file " + file.get() + " holds a token of "
                    + token.length() + " characters, which a stranger who reaches the page may guess; write at least "
                    + SHORTEST + ", e.g. openssl rand -hex 32");
        }
        return file;
    }
}
