package org.orderly.tools.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Guards tests that need programs from outside the JVM, as gateway's {@code ExternalTools} does: a missing tool skips
 * the test with what to install, except on CI ({@code CI=true}), where it fails, so a CI image without the package
 * cannot pass silently.
 */
public final class ExternalTools {
    /** Debian's mosquitto installs the broker in /usr/sbin, which is not on every user's PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/bin");

    private ExternalTools() {
    }

    /** The path of {@code executable}, from Debian package {@code debianPackage}. */
    public static String require(String executable, String debianPackage) {
        Optional<String> found = onPath(executable);
        if (found.isEmpty()) {
            String message = executable + " is not installed; this test needs it (apt-get install -y " + debianPackage + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " and CI=true, so it is not skipped");
            }
            assumeTrue(false, "skipped: " + message);
        }
        return found.get();
    }

    private static Optional<String> onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + File.pathSeparator + String.join(File.pathSeparator, EXTRA_DIRS))
                .split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}
