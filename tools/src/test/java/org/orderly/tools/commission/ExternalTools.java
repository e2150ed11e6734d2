package org.orderly.tools.commission;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The tools module's copy of the gateway's test guard (gateway test classes are not on this module's class path):
 * a missing Debian package skips the test with a message, or fails it when {@code CI=true}.
 */
final class ExternalTools {
    private ExternalTools() {
    }

    /** {@code "socat"} or {@code "python3-pymodbus"}; returns the executable to run. */
    static String require(String debianPackage) {
        Optional<String> found = switch (debianPackage) {
            case "socat" -> Optional.of(Path.of("/usr/bin/socat")).filter(Files::isExecutable).map(Path::toString)
                    .or(() -> onPath("socat"));
            case "python3-pymodbus" -> python("pymodbus");
            default -> throw new IllegalArgumentException(debianPackage);
        };
        if (found.isEmpty()) {
            String message = debianPackage + " is not installed; this test needs it (apt-get install -y " + debianPackage + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " and CI=true, so it is not skipped");
            }
            assumeTrue(false, "skipped: " + message);
        }
        return found.get();
    }

    private static Optional<String> onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return Optional.of(Path.of(dir, exe).toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> python(String module) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Optional.of("/usr/bin/python3");
            }
            p.destroyForcibly();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
