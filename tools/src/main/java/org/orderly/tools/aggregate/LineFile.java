package org.orderly.tools.aggregate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.orderly.gateway.files.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only text file of whole lines. Each line goes out in one append of its complete bytes (O_APPEND, so
 * nothing is interleaved with another writer's line), and a line that fails is taken back; if a crash cut the last
 * line short, opening the file drops that fragment (with a warning) so a reader never meets half a row. A durable
 * file's name is forced into its directory when the file is made, and directories made for it into theirs, so a
 * power cut cannot take the file.
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
    /** Where the file ends whole while a failed line could not be taken back after it; -1 while it ends whole. */
    private long wholeUpTo = -1;

    /**
     * @param header written first when the file is new or empty; null for none. A file that begins with another
     *               header (another version's columns) is refused and left as it was
     */
    public LineFile(Path path, String header, Durability durability) throws IOException {
        this.path = path;
        this.durability = durability;
        Path dir = path.toAbsolutePath().getParent();
        Directories.create(dir);
        boolean made = !Files.exists(path);
        checkHeader(path, header);
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

    /**
     * Appends the line whole, or not at all: a line that fails (a disk that fills up during the write, or, for
     * {@link Durability#EACH_LINE}, a force that fails) is taken back, so that the next line does not follow a
     * fragment and a line written again is in the file once.
     */
    public synchronized void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(path + ": a line must not contain a newline");
        }
        if (wholeUpTo >= 0) {
            channel.truncate(wholeUpTo);
            wholeUpTo = -1;
        }
        long before = channel.size();
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (durability == Durability.EACH_LINE) {
                channel.force(false);
            }
        } catch (IOException e) {
            try {
                channel.truncate(before);
            } catch (IOException notTakenBack) {
                e.addSuppressed(notTakenBack);
                wholeUpTo = before;
            }
            throw e;
        }
    }

    /**
     * Puts every line appended before this call on the disk. Not synchronized with {@link #append}, so that lines
     * can be appended while the disk is busy with a force: those belong to the next one.
     */
    public void force() throws IOException {
        channel.force(false);
    }

    /** Goes on in a new file at the path if the file was moved away (logrotate). Not done yet. */
    public void reopenIfMoved() throws IOException {
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** Lines in other columns must not follow an old header; a first line cut short by a crash is dropped later. */
    private static void checkHeader(Path path, String header) throws IOException {
        if (header == null || !Files.exists(path)) {
            return;
        }
        byte[] want = (header + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] got = new byte[want.length];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(got, 0, got.length);
        }
        if (n == want.length && Arrays.equals(got, want)) {
            return;
        }
        boolean unfinished = n == Files.size(path);
        for (int i = 0; i < n && unfinished; i++) {
            unfinished = got[i] != '\n';
        }
        if (!unfinished) {
            throw new IOException(path + ": its first line is not the header of the columns this version writes ("
                    + header + "); move it away or give another file");
        }
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
