package org.orderly.testkit;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A named pipe (a FIFO, made with {@code mkfifo}) in place of a file a child program reads: the child's opening it
 * and reading it wait for the test, which so holds the child at that moment without timing, does what it wants done
 * there (a SIGTERM), and then feeds the pipe.
 */
public final class NamedPipe {
    private final Path path;

    private NamedPipe(Path path) {
        this.path = path;
    }

    /** Makes the pipe at {@code path}, which must not exist. */
    public static NamedPipe make(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        String said = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " exited with " + mkfifo.exitValue() + ": " + said.strip());
        }
        return new NamedPipe(path);
    }

    public Path path() {
        return path;
    }

    /**
     * Opens the pipe for writing, which returns once a reader in this JVM (the code under test) has opened it, and so
     * holds that reader there until the test writes or closes it; fails if none has within {@code within}.
     */
    public OutputStream openWhenRead(Duration within) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new FileOutputStream(path.toFile());
            } catch (IOException e) {
                throw new IllegalStateException("opening " + path + " for writing", e);
            }
        }).get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the pipe for writing, which returns once {@code child} has opened it for reading, and so is held there
     * until the test writes or closes it. Throws {@link IllegalStateException} with the child's log when it exits
     * first.
     */
    public OutputStream openWhenReadBy(ChildProcess child) throws InterruptedException, IOException {
        CompletableFuture<OutputStream> open = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileOutputStream(path.toFile());
            } catch (IOException e) {
                throw new IllegalStateException("opening " + path + " for writing", e);
            }
        });
        while (true) {
            try {
                return open.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (!child.isAlive()) {
                    try (FileInputStream reader = new FileInputStream(path.toFile()); OutputStream writer = open.join()) {
                        // a reader lets the waiting open return; both ends are closed again
                    }
                    throw new IllegalStateException("the child exited with " + child.awaitExit(Duration.ZERO)
                            + " before it read " + path + "; its log:\n" + child.log());
                }
            } catch (ExecutionException e) {
                throw new IOException("opening " + path + " for writing", e.getCause());
            }
        }
    }
}
