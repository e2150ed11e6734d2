package org.orderly.gateway.app.config;

import java.nio.file.Path;
import java.util.Optional;
import org.orderly.text.TextFile;
import org.orderly.text.TextFileException;

/**
 * The text of a bearer token's file ({@code web.metricsTokenFile}) as Prometheus sends a credentials_file's: without
 * surrounding whitespace (an editor's final newline). One reading and one judgement of it for {@code check-config}, the
 * page's start and the page's reading of a changed file.
 */
public final class BearerTokenText {
    private BearerTokenText() {
    }

    /** The token in {@code file}, stripped; not yet judged ({@link #flaw}). */
    public static String read(Path file) throws TextFileException {
        return TextFile.stripped(file);
    }

    /**
     * Why {@code token} (as {@link #read} gives it) cannot be a bearer token, to follow "file NAME"; empty when it can.
     */
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
