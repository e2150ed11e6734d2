package org.orderly.testkit;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child program's standard error on a pipe (a FIFO) whose reader stops, as a stalled journal does: once
 * {@link #stall()} has filled the pipe's buffer, every write the child makes to it blocks until the test reads again.
 * Give the child {@link #path()} ({@code redirectError}); the test holds the pipe's other ends, so the child's exit
 * alone does not end it.
 */
public final class StalledPipe implements AutoCloseable {
    private static final byte[] FILLER = "(filler: the journal stopped reading here)\n".getBytes(StandardCharsets.US_ASCII);
    /** Well over a pipe's buffer (64 KiB on Linux), so that the filler is still blocked when the pipe is full. */
    private static final int FILLER_BYTES = 1 << 20;
    private static final long FULL_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Path path;
    private final FileInputStream reader;
    private final FileOutputStream fillerEnd;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong filled = new AtomicLong();
    private Thread drainer;
    private Thread filler;

    private StalledPipe(Path path, FileInputStream reader, FileOutputStream fillerEnd) {
        this.path = path;
        this.reader = reader;
        this.fillerEnd = fillerEnd;
    }

    /** Makes the pipe at {@code path} (which must not exist) and opens both of the test's ends; nothing is read yet. */
    public static StalledPipe make(Path path) throws IOException, InterruptedException {
        NamedPipe.make(path);
        // Opening a FIFO waits for its other end: the reader opens on its own thread while this one opens the writer.
        CompletableFuture<FileInputStream> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileInputStream(path.toFile());
            } catch (IOException e) {
                throw new IllegalStateException("opening " + path + " for reading", e);
            }
        });
        FileOutputStream fillerEnd = new FileOutputStream(path.toFile());
        try {
            return new StalledPipe(path, opening.get(10, TimeUnit.SECONDS), fillerEnd);
        } catch (ExecutionException | TimeoutException e) {
            fillerEnd.close();
            throw new IOException("opening " + path + " for reading", e);
        }
    }

    public Path path() {
        return path;
    }

    /** Reads on a thread of its own, as a working journal does, until {@link #stall()}. */
    public void drain() {
        draining.set(true);
        drainer = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while (draining.get() && (n = reader.read(buf)) >= 0) {
                    keep(buf, n);
                }
            } catch (IOException e) {
                keep(("(" + path + " unreadable: " + e + ")\n").getBytes(StandardCharsets.UTF_8));
            }
        }, "stalled-pipe-drainer");
        drainer.setDaemon(true);
        drainer.start();
    }

    /**
     * Stops reading and writes into the pipe until a write to it blocks. Throws {@link IllegalStateException} when
     * the reader does not stop, or the pipe does not fill within 30 s.
     */
    public void stall() throws InterruptedException {
        draining.set(false);
        filler = new Thread(() -> {
            try (OutputStream out = fillerEnd) {
                while (filled.get() < FILLER_BYTES) {
                    out.write(FILLER);
                    filled.addAndGet(FILLER.length);
                }
            } catch (IOException e) {
                // the test closed the pipe's reading end: nothing more to fill
            }
        }, "stalled-pipe-filler");
        filler.setDaemon(true);
        filler.start();
        if (drainer != null) {
            drainer.join(10_000); // its next read, of the filler's first bytes, returns and it sees it must stop
            if (drainer.isAlive()) {
                throw new IllegalStateException("the reader of " + path + " did not stop");
            }
        }
        // Full once the filler stops getting through.
        long seen = -1;
        long deadline = System.nanoTime() + FULL_WITHIN_NANOS;
        while (filled.get() != seen && System.nanoTime() < deadline) {
            seen = filled.get();
            Thread.sleep(500);
        }
        if (filled.get() != seen || filled.get() == 0 || filled.get() >= FILLER_BYTES) {
            throw new IllegalStateException(path + " did not fill: " + filled.get() + " bytes got through");
        }
    }

    /**
     * Reads until every writer is gone (the child, and the filler once its bytes are through) and returns all that
     * was read since {@link #make}, the filler's lines taken out.
     */
    public String readToEnd() throws IOException, InterruptedException {
        if (filler == null) {
            fillerEnd.close();
        }
        if (drainer != null && drainer.isAlive()) { // it may be blocked in a read: it goes on, to the end
            draining.set(true);
            drainer.join(60_000);
            if (drainer.isAlive()) {
                throw new IllegalStateException(path + " still had a writer after 60 s");
            }
        }
        byte[] buf = new byte[8192];
        int n;
        while ((n = reader.read(buf)) >= 0) {
            keep(buf, n);
        }
        if (filler != null) {
            filler.join(10_000);
        }
        return text();
    }

    /** What has been read so far, the filler's lines taken out. */
    public String text() {
        synchronized (read) {
            return read.toString(StandardCharsets.UTF_8).replace(new String(FILLER, StandardCharsets.US_ASCII), "");
        }
    }

    /** Closes the test's ends; a child still writing then gets a broken pipe. */
    @Override
    public void close() throws IOException {
        draining.set(false);
        try (reader; fillerEnd) {
            // both closed, the reader first
        }
    }

    private void keep(byte[] bytes) {
        keep(bytes, bytes.length);
    }

    private void keep(byte[] bytes, int length) {
        synchronized (read) {
            read.write(bytes, 0, length);
        }
    }
}
