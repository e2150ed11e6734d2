package org.orderly.bridge.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs some tests drive. {@link #require} finds one on the PATH; when it is missing
 * it fails the test on CI (environment CI=true) and skips it elsewhere, saying what to install.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /**
     * The path of {@code name}. Debian's libcoap3-bin ships no plain {@code coap-client}, only
     * {@code coap-client-openssl}, {@code -gnutls} and {@code -notls}; the TLS-capable variants
     * are accepted in its place (DTLS tests need one).
     */
    public static Path require(String name) {
        return find(name, System.getenv("PATH")).orElseGet(() -> missing(name, System.getenv("CI")));
    }

    /** Fails when {@code ci} is "true", otherwise aborts (skips) the test; never returns. */
    static Path missing(String name, String ci) {
        String message = "'" + name + "' is not on the PATH; install it (Debian: apt-get install -y "
                + packageFor(name) + ") to run this test";
        if ("true".equals(ci)) {
            Assertions.fail(message + " (CI=true: required)");
        }
        Assumptions.abort(message + " (skipped: CI is not \"true\")");
        throw new AssertionError("unreachable");
    }

    static Optional<Path> find(String name, String pathEnv) {
        String path = Optional.ofNullable(pathEnv).orElse("");
        for (String candidate : List.of(name, name + "-openssl", name + "-gnutls")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path file = Path.of(dir.isEmpty() ? "." : dir, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private static String packageFor(String name) {
        return name.startsWith("coap-") ? "libcoap3-bin" : name;
    }
}
