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

    /** When the lines reach the disk. */
    public enum Durability {
        /** Each line is forced before {@link #append} returns; the file's name when the file is made. */
        EACH_LINE,
        /**
         * The lines appended so far are on the disk once {@link #force} returns, so that one force can cover many
         * lines (group commit); the file's name is forced when the file is made.
         */
        ON_FORCE,
        /** Left to the operating system, unless {@link #force} is called: for a file whose caller forces it. */
        NONE
    }

    private final Path path;
    private final FileChannel channel;
    private final Durability durability;

    /** @param header written first when the file is new or empty; null for none */
    public LineFile(Path path, String header, Durability durability) throws IOException {
        this.path = path;
        this.durability = durability;
        Path dir = path.toAbsolutePath().getParent();
        Directories.create(dir);
        boolean made = !Files.exists(path);
        dropPartialLastLine(path);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            if (header != null && channel.size() == 0) {
                append(header);
            }
            if (durability != Durability.NONE && made) {
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
        if (durability == Durability.EACH_LINE) {
            channel.force(false);
        }
    }

    /**
     * Puts every line appended before this call on the disk. Not synchronized with {@link #append}, so that lines
     * can be appended while the disk is busy with a force: those belong to the next one.
     */
    public void force() throws IOException {
        channel.force(false);
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
