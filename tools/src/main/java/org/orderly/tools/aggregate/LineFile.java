package org.orderly.tools.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only text file of whole lines. Each line goes out in one append of its complete bytes (O_APPEND, so
 * nothing is interleaved with another writer's line); if a crash cut the last line short, opening the file drops
 * that fragment (with a warning) so a reader never meets half a row. A durable file's name is forced into its
 * directory when the file is made, and directories made for it into theirs, so a power cut cannot take the file.
 */
public final class LineFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineFile.class);

    private final Path path;
    private final FileChannel channel;
    private final boolean durable;

    /**
     * @param header  written first when the file is new or empty; null for none
     * @param durable whether each line is forced to the disk before {@link #append} returns
     */
    public LineFile(Path path, String header, boolean durable) throws IOException {
        this.path = path;
        this.durable = durable;
        Path dir = path.toAbsolutePath().getParent();
        Directories.create(dir);
        boolean made = !Files.exists(path);
        dropPartialLastLine(path);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            if (header != null && channel.size() == 0) {
                append(header);
            }
            if (durable && made) {
                Directories.force(dir);
            }
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public synchronized void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(path + ": a line must not contain a newline");
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        if (durable) {
            channel.force(false);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static void dropPartialLastLine(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                LOG.warn("{}: dropping an unfinished last line of {} bytes (left by an interrupted write)", path,
                        size - keep);
                ch.truncate(keep);
            }
        }
    }
}
