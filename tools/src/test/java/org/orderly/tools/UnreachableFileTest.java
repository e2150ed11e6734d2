package org.orderly.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.text.Unreadable;

/**
 * The .deb's configuration is {@code /etc/orderly/orderly.yaml} in a directory only root and the group orderly may
 * enter (750). An installer who runs {@code orderly check-config /etc/orderly/orderly.yaml} (docs/operations.md, step
 * 4) as an ordinary user was told {@code /etc/orderly/orderly.yaml: no such file}, exit 2, and {@code selftest} and
 * {@code run} the same after their option: the JVM cannot tell a file it may not reach from one that is not there
 * ({@code Files.exists} is false for both). The file is there; what keeps the user from it is the directory.
 *
 * <p>Root enters every directory, so the check runs in a child JVM as the user nobody ({@code setpriv}) when this test
 * runs as root (as on CI), as this user otherwise; the child runs {@link InputFiles} (which needs only the JDK) from a
 * copy of its classes beside the probe, since the clone's own directory may be one nobody may enter (a root's home).
 */
class UnreachableFileTest {

    @Test
    void aFileInADirectoryThisUserMayNotEnterIsNotCalledMissing(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Path config = Files.writeString(etc.resolve("orderly.yaml"), "gatewayId: gw\n");
        // No one may enter it, its owner included: as this user (not root) the probe is its owner, as nobody (root's
        // run) it is not, and the line is the same.
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rw-------"));
        Path probe = probe(dir);

        String said;
        try {
            said = asAnotherUser(probe, config.toString());
        } finally {
            Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwx------")); // for the clean-up
        }

        assertThat(said).as("what is wrong with " + config)
                .isEqualTo("cannot be read (permission denied: user <user>, who runs this, may not enter " + etc + ", rw------- "
                        + Files.getOwner(etc).getName() + ":" + group(etc) + "); run the command with sudo, or as a user that "
                        + "directory lets in");
    }

    /**
     * A file this user may not read names the user, as the gateway's configuration said it and the orderly command did
     * not ({@code cannot be read (permission denied)}) until 2026-12-04: one wording for both now ({@link Unreadable}).
     */
    @Test
    void aFileThisUserMayNotReadNamesTheUser(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = Files.writeString(dir.resolve("p01.psk"), "secret\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
        Path probe = probe(dir);

        assertThat(asAnotherUser(probe, key.toString())).isEqualTo("cannot be read by user <user>, who runs this (permission denied)");
    }

    @Test
    void aFileThatIsNotThereIsStillMissing(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path probe = probe(dir);

        assertThat(asAnotherUser(probe, dir.resolve("orderly.yaml").toString())).isEqualTo("no such file");
    }

    /**
     * A program that prints what {@link InputFiles#fileProblem} says of its argument, the user's name in it as
     * {@code <user>} (nobody's, or this user's).
     */
    private static Path probe(Path dir) throws IOException {
        return Files.writeString(dir.resolve("Probe.java"), """
                public class Probe {
                    public static void main(String[] args) {
                        System.out.println(org.orderly.tools.InputFiles.fileProblem(java.nio.file.Path.of(args[0])).orElse("fine")
                                .replace(System.getProperty("user.name"), "<user>"));
                    }
                }
                """);
    }

    /**
     * A copy of {@link InputFiles}' classes, and of the text module's {@link Unreadable} whose words they use (and of
     * its TextFile, whose exception InputFiles catches, and its FileOwnership, which says whose a directory is), in the
     * probe's directory, which every user may enter.
     */
    private static Path classesBeside(Path probe) throws IOException {
        copy(Path.of("target/classes/org/orderly/tools"), "InputFiles", probe, "org/orderly/tools");
        Path text = Path.of(Unreadable.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        if (Files.isDirectory(text)) {
            copy(text.resolve("org/orderly/text"), "Unreadable", probe, "org/orderly/text");
            copy(text.resolve("org/orderly/text"), "TextFile", probe, "org/orderly/text");
            copy(text.resolve("org/orderly/text"), "FileOwnership", probe, "org/orderly/text");
        } else {
            // A reactor build past the package phase (CI's) hands the text module to this test as its jar.
            try (FileSystem jar = FileSystems.newFileSystem(text)) {
                copy(jar.getPath("org/orderly/text"), "Unreadable", probe, "org/orderly/text");
                copy(jar.getPath("org/orderly/text"), "TextFile", probe, "org/orderly/text");
                copy(jar.getPath("org/orderly/text"), "FileOwnership", probe, "org/orderly/text");
            }
        }
        return probe.resolveSibling("classes");
    }

    private static void copy(Path from, String prefix, Path probe, String pkgPath) throws IOException {
        Path pkg = Files.createDirectories(probe.resolveSibling("classes/" + pkgPath));
        try (var files = Files.list(from)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.setPosixFilePermissions(Files.copy(f, pkg.resolve(f.getFileName().toString())),
                        PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        for (Path d = pkg; !d.equals(probe.getParent()); d = d.getParent()) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String group(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class).group().getName();
    }

    /** What the probe prints, run as nobody when this JVM is root's. */
    private static String asAnotherUser(Path probe, String argument) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        command.addAll(List.of(java, "-cp", classesBeside(probe).toString(), probe.toString(), argument));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
