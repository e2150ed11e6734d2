package org.orderly.gateway.field.modbus;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Guards tests that need programs from outside the JVM. Tools are named by the Debian package that
 * provides them. When one is missing the test is skipped with a clear message; on CI
 * ({@code CI=true}) it fails instead, so a CI image without the package cannot pass silently.
 */
public final class ExternalTools {

    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

    private ExternalTools() {
    }

    /**
     * Requires a Debian package's tool: {@code "socat"} (the socat executable), {@code "mosquitto"} (the broker),
     * {@code "python3-pymodbus"} (a python3 that can import pymodbus), {@code "python3-serial"} (pyserial),
     * {@code "chromium"} and {@code "chromium-driver"} (Debian's /usr/bin/chromium and /usr/bin/chromedriver).
     *
     * @return the executable to run: socat's path or the python3 that has pymodbus
     */
    public static String require(String debianPackage) {
        Optional<String> found = switch (debianPackage) {
            case "socat" -> onPath("socat");
            case "python3-pymodbus" -> pythonWith("pymodbus");
            case "python3-serial" -> pythonWith("serial");
            case "chromium" -> executable("/usr/bin/chromium");
            case "chromium-driver" -> executable("/usr/bin/chromedriver");
            // Debian installs the broker in /usr/sbin, which a non-root PATH may lack.
            case "mosquitto" -> onPath("mosquitto").or(() -> Files.isExecutable(Path.of("/usr/sbin/mosquitto"))
                    ? Optional.of("/usr/sbin/mosquitto") : Optional.empty());
            default -> throw new IllegalArgumentException("unknown external tool " + debianPackage);
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

    private static Optional<String> executable(String path) {
        return Files.isExecutable(Path.of(path)) ? Optional.of(path) : Optional.empty();
    }

    private static Optional<String> onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> pythonWith(String module) {
        for (String python : PYTHONS) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(python);
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // this python does not exist; try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
