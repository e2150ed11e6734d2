package org.orderly.gateway.app.config;

import java.util.Optional;
import org.orderly.text.TextFile;

/**
 * Whether a bearer token's file ({@code web.metricsTokenFile}), read as Prometheus sends a credentials_file's (without
 * surrounding whitespace, an editor's final newline: {@link TextFile#stripped}), holds a token: one judgement of it for
 * {@code check-config}, the page's start and the page's reading of a changed file.
 */
public final class BearerTokenText {
    private BearerTokenText() {
    }

    /** Why {@code token}, a file's stripped text, cannot be a bearer token, to follow "file NAME"; empty when it can. */
    public static Optional<String> flaw(String token) {
        if (token.isEmpty()) {
            return Optional.of("is empty");
        }
        if (!token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            return Optional.of("holds a space or a character other than printable ASCII within its token, which an"
                    + " Authorization header does not carry as written; make it one word, e.g. openssl rand -hex 32");
        }
        return Optional.empty();
    }
}
