package org.orderly.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real small filesystem for a test of a full or read-only disk: a tmpfs mounted at a directory (root with
 * CAP_SYS_ADMIN; the test is skipped where it may not mount), filled by a file, unmounted when closed. The tests run as
 * root, which file modes do not stop: a read-only mount does.
 */
public final class SmallTmpfs implements AutoCloseable {
    private final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs with {@code options} ({@code size=1m}, {@code ro,size=1m}) at {@code dir}, made if need be. */
    public static SmallTmpfs mount(Path dir, String options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        Assumptions.assumeTrue(rc == 0, () -> "mount a tmpfs (root with CAP_SYS_ADMIN): " + said);
        return new SmallTmpfs(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Writes a file {@code name} in it until the filesystem refuses: ENOSPC. */
    public void fill(String name) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the filesystem is full: what the test wants
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor();
    }
}
