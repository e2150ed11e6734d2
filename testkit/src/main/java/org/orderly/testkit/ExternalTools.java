package org.orderly.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards tests that need programs from outside the JVM, named by the Debian package that has them. When one is
 * missing the test is skipped, saying what to install; on CI ({@code CI=true}) it fails instead, so a CI machine
 * without the package cannot pass silently.
 */
public final class ExternalTools {
    /** Debian installs the broker in /usr/sbin, which is not on every user's PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin");
    private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");

    private ExternalTools() {
    }

    /**
     * What a Debian package gives the tests: {@code "socat"}, {@code "mosquitto"} (the broker),
     * {@code "python3-pymodbus"} and {@code "python3-serial"} (a python3 that imports pymodbus or pyserial),
     * {@code "chromium"} and {@code "chromium-driver"} (Debian's /usr/bin/chromium and /usr/bin/chromedriver), and
     * {@code "libcoap3-bin"} (a coap-client that speaks DTLS).
     *
     * @return the executable to run: the program's path, or the python3 that has the module
     */
    public static String require(String debianPackage) {
        Optional<String> found = switch (debianPackage) {
            case "socat" -> onPath("socat");
            case "mosquitto" -> onPath("mosquitto");
            case "python3-pymodbus" -> pythonWith("pymodbus");
            case "python3-serial" -> pythonWith("serial");
            case "chromium" -> executable("/usr/bin/chromium");
            case "chromium-driver" -> executable("/usr/bin/chromedriver");
            case "libcoap3-bin" -> coapClient(path());
            default -> throw new IllegalArgumentException("unknown external tool " + debianPackage);
        };
        return found.orElseGet(() -> missing(debianPackage + " is not installed", debianPackage, System.getenv("CI")));
    }

    /** The path of {@code executable}, from Debian package {@code debianPackage}. */
    public static String requireProgram(String executable, String debianPackage) {
        return onPath(executable).orElseGet(() -> missing(executable + " is not installed", debianPackage,
                System.getenv("CI")));
    }

    /** The path of {@code executable} on the PATH or in /usr/sbin, /sbin or /usr/bin, if it is there. */
    public static Optional<String> find(String executable) {
        return onPath(executable);
    }

    /**
     * The path of Mosquitto's dynamic security plugin (Debian's mosquitto installs it beside its libraries), for a test
     * broker that must refuse a SUBSCRIBE: Mosquitto's acl_file does not check subscriptions.
     */
    public static String mosquittoDynamicSecurity() {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")) {
            Path plugin = Path.of(dir, "mosquitto_dynamic_security.so");
            if (Files.isRegularFile(plugin)) {
                return plugin.toString();
            }
        }
        return missing("Mosquitto's dynamic security plugin is not installed", "mosquitto", System.getenv("CI"));
    }

    /** Fails when {@code ci} is "true", otherwise aborts (skips) the test; never returns. */
    static String missing(String what, String debianPackage, String ci) {
        String message = what + "; this test needs it (apt-get install -y " + debianPackage + ")";
        if ("true".equalsIgnoreCase(ci)) {
            Assertions.fail(message + " and CI=true, so it is not skipped");
        }
        Assumptions.abort("skipped: " + message);
        throw new AssertionError("unreachable");
    }

    /**
     * Debian's libcoap3-bin ships no plain {@code coap-client}, only {@code coap-client-openssl}, {@code -gnutls} and
     * {@code -notls}; the DTLS-capable ones stand in for it.
     */
    static Optional<String> coapClient(String path) {
        for (String name : List.of("coap-client", "coap-client-openssl", "coap-client-gnutls")) {
            Optional<String> found = onPath(name, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> onPath(String exe) {
        return onPath(exe, path());
    }

    private static Optional<String> onPath(String exe, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, exe);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private static String path() {
        return System.getenv().getOrDefault("PATH", "") + File.pathSeparator
                + String.join(File.pathSeparator, EXTRA_DIRS);
    }

    private static Optional<String> executable(String path) {
        return Files.isExecutable(Path.of(path)) ? Optional.of(path) : Optional.empty();
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
