package org.orderly.packaging.deb;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.orderly.testkit.ExternalTools;

/**
 * What the install test needs from the machine, as testkit's {@link ExternalTools} does it: a test that
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
            if (ExternalTools.find(parts[0]).isEmpty()) {
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
}
