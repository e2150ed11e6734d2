package org.orderly.packaging.deb;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the install test needs from the machine, as the other modules' {@code ExternalTools} do it: a test that
 * lacks something is skipped with a message, but fails on CI ({@code CI=true}) so a CI machine without it cannot pass
 * silently.
 */
final class HostTools {
    private HostTools() {
    }

    /** Requires root (mounts, chroot) and these programs, each named with the Debian package that has it. */
    static void require(String... programAndPackage) {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (mount and chroot)");
        }
        for (String pair : programAndPackage) {
            String[] parts = pair.split(":", 2);
            if (onPath(parts[0]) == null) {
                missing.add(parts[0] + " (apt-get install -y " + parts[1] + ")");
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "this test needs " + String.join(", ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " and CI=true, so it is not skipped");
        }
        assumeTrue(false, "skipped: " + message);
    }

    private static Path onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
