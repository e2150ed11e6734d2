package org.orderly.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Java program run in a child JVM as the user nobody when this JVM is root's (as on CI), as this user otherwise: what
 * a user is told where a mode stops them cannot be seen as root, whom no mode stops. The program is a single source
 * file ({@code java Probe.java}); the classes it uses are copied beside it, since the clone's own directory and Maven's
 * repository may be ones nobody may enter (a root's home). {@code UnreachableFileTest} (tools) copies only the few
 * classes its probe needs, by hand.
 */
public final class AsAnotherUser {
    /** What the program printed (standard output and error, in order) and its exit code. */
    public record Ran(String output, int exit) {
    }

    private AsAnotherUser() {
    }

    /** Whether this JVM runs as root, so that the program runs as nobody. */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The jars and class directories {@code uses} come from, to run a program that needs only those. */
    public static List<Path> codeSourcesOf(List<Class<?>> uses) {
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> c : uses) {
            sources.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().getPath()));
        }
        return List.copyOf(sources);
    }

    /** This JVM's whole class path, for a program that needs more than can be listed (one of the orderly commands). */
    public static List<Path> thisClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(":")).filter(e -> !e.isEmpty()).map(Path::of)
                .filter(Files::exists).toList();
    }

    /**
     * Runs {@code source}, a Java program's text with a public class {@code Probe}, in {@code dir} with {@code args}, on
     * a copy of {@code classPath}. Every user must be able to reach {@code dir}: a test's own directory, mode 755, and
     * the directories above it too.
     */
    public static Ran run(Path dir, String source, List<Path> classPath, List<String> args)
            throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path probe = Files.writeString(dir.resolve("Probe.java"), source);
        List<String> copies = new ArrayList<>();
        for (Path code : classPath) {
            Path copy = dir.resolve("cp-" + copies.size() + (Files.isDirectory(code) ? "" : ".jar"));
            copyReadable(code, copy);
            copies.add(copy.toString());
        }
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(":", copies), probe.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the probe did not end within 120 s");
        }
        return new Ran(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(), p.exitValue());
    }

    /** A jar, or a directory of classes whole, copied so that every user may read it. */
    private static void copyReadable(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(f, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
